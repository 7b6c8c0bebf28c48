_lpwh() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="lpwh"
                ;;
            lpwh,check)
                cmd="lpwh__subcmd__check"
                ;;
            lpwh,completions)
                cmd="lpwh__subcmd__completions"
                ;;
            lpwh,create)
                cmd="lpwh__subcmd__create"
                ;;
            lpwh,delete)
                cmd="lpwh__subcmd__delete"
                ;;
            lpwh,event-types)
                cmd="lpwh__subcmd__event__subcmd__types"
                ;;
            lpwh,get)
                cmd="lpwh__subcmd__get"
                ;;
            lpwh,health)
                cmd="lpwh__subcmd__health"
                ;;
            lpwh,help)
                cmd="lpwh__subcmd__help"
                ;;
            lpwh,inbox)
                cmd="lpwh__subcmd__inbox"
                ;;
            lpwh,list)
                cmd="lpwh__subcmd__list"
                ;;
            lpwh,listen)
                cmd="lpwh__subcmd__listen"
                ;;
            lpwh,login)
                cmd="lpwh__subcmd__login"
                ;;
            lpwh,logout)
                cmd="lpwh__subcmd__logout"
                ;;
            lpwh,logs)
                cmd="lpwh__subcmd__logs"
                ;;
            lpwh,ls)
                cmd="lpwh__subcmd__list"
                ;;
            lpwh,profiles)
                cmd="lpwh__subcmd__profiles"
                ;;
            lpwh,resend)
                cmd="lpwh__subcmd__resend"
                ;;
            lpwh,rm)
                cmd="lpwh__subcmd__delete"
                ;;
            lpwh,sign)
                cmd="lpwh__subcmd__sign"
                ;;
            lpwh,trigger)
                cmd="lpwh__subcmd__trigger"
                ;;
            lpwh,update)
                cmd="lpwh__subcmd__update"
                ;;
            lpwh,verify)
                cmd="lpwh__subcmd__verify"
                ;;
            lpwh__subcmd__help,check)
                cmd="lpwh__subcmd__help__subcmd__check"
                ;;
            lpwh__subcmd__help,completions)
                cmd="lpwh__subcmd__help__subcmd__completions"
                ;;
            lpwh__subcmd__help,create)
                cmd="lpwh__subcmd__help__subcmd__create"
                ;;
            lpwh__subcmd__help,delete)
                cmd="lpwh__subcmd__help__subcmd__delete"
                ;;
            lpwh__subcmd__help,event-types)
                cmd="lpwh__subcmd__help__subcmd__event__subcmd__types"
                ;;
            lpwh__subcmd__help,get)
                cmd="lpwh__subcmd__help__subcmd__get"
                ;;
            lpwh__subcmd__help,health)
                cmd="lpwh__subcmd__help__subcmd__health"
                ;;
            lpwh__subcmd__help,help)
                cmd="lpwh__subcmd__help__subcmd__help"
                ;;
            lpwh__subcmd__help,inbox)
                cmd="lpwh__subcmd__help__subcmd__inbox"
                ;;
            lpwh__subcmd__help,list)
                cmd="lpwh__subcmd__help__subcmd__list"
                ;;
            lpwh__subcmd__help,listen)
                cmd="lpwh__subcmd__help__subcmd__listen"
                ;;
            lpwh__subcmd__help,login)
                cmd="lpwh__subcmd__help__subcmd__login"
                ;;
            lpwh__subcmd__help,logout)
                cmd="lpwh__subcmd__help__subcmd__logout"
                ;;
            lpwh__subcmd__help,logs)
                cmd="lpwh__subcmd__help__subcmd__logs"
                ;;
            lpwh__subcmd__help,profiles)
                cmd="lpwh__subcmd__help__subcmd__profiles"
                ;;
            lpwh__subcmd__help,resend)
                cmd="lpwh__subcmd__help__subcmd__resend"
                ;;
            lpwh__subcmd__help,sign)
                cmd="lpwh__subcmd__help__subcmd__sign"
                ;;
            lpwh__subcmd__help,trigger)
                cmd="lpwh__subcmd__help__subcmd__trigger"
                ;;
            lpwh__subcmd__help,update)
                cmd="lpwh__subcmd__help__subcmd__update"
                ;;
            lpwh__subcmd__help,verify)
                cmd="lpwh__subcmd__help__subcmd__verify"
                ;;
            lpwh__subcmd__help__subcmd__inbox,backfill)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__backfill"
                ;;
            lpwh__subcmd__help__subcmd__inbox,browse)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__browse"
                ;;
            lpwh__subcmd__help__subcmd__inbox,clear)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__clear"
                ;;
            lpwh__subcmd__help__subcmd__inbox,export)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__export"
                ;;
            lpwh__subcmd__help__subcmd__inbox,list)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__list"
                ;;
            lpwh__subcmd__help__subcmd__inbox,replay)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__replay"
                ;;
            lpwh__subcmd__help__subcmd__inbox,show)
                cmd="lpwh__subcmd__help__subcmd__inbox__subcmd__show"
                ;;
            lpwh__subcmd__inbox,backfill)
                cmd="lpwh__subcmd__inbox__subcmd__backfill"
                ;;
            lpwh__subcmd__inbox,browse)
                cmd="lpwh__subcmd__inbox__subcmd__browse"
                ;;
            lpwh__subcmd__inbox,clear)
                cmd="lpwh__subcmd__inbox__subcmd__clear"
                ;;
            lpwh__subcmd__inbox,export)
                cmd="lpwh__subcmd__inbox__subcmd__export"
                ;;
            lpwh__subcmd__inbox,help)
                cmd="lpwh__subcmd__inbox__subcmd__help"
                ;;
            lpwh__subcmd__inbox,list)
                cmd="lpwh__subcmd__inbox__subcmd__list"
                ;;
            lpwh__subcmd__inbox,ls)
                cmd="lpwh__subcmd__inbox__subcmd__list"
                ;;
            lpwh__subcmd__inbox,replay)
                cmd="lpwh__subcmd__inbox__subcmd__replay"
                ;;
            lpwh__subcmd__inbox,show)
                cmd="lpwh__subcmd__inbox__subcmd__show"
                ;;
            lpwh__subcmd__inbox__subcmd__help,backfill)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__backfill"
                ;;
            lpwh__subcmd__inbox__subcmd__help,browse)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__browse"
                ;;
            lpwh__subcmd__inbox__subcmd__help,clear)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__clear"
                ;;
            lpwh__subcmd__inbox__subcmd__help,export)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__export"
                ;;
            lpwh__subcmd__inbox__subcmd__help,help)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__help"
                ;;
            lpwh__subcmd__inbox__subcmd__help,list)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__list"
                ;;
            lpwh__subcmd__inbox__subcmd__help,replay)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__replay"
                ;;
            lpwh__subcmd__inbox__subcmd__help,show)
                cmd="lpwh__subcmd__inbox__subcmd__help__subcmd__show"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        lpwh)
            opts="-q -v -h -V --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version login logout profiles create list ls get update delete rm logs resend health event-types sign verify trigger check listen inbox completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__check)
            opts="-q -v -h -V --secret --scheme --events --only --skip --burst --strict --junit --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --events)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --only)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --burst)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --junit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__completions)
            opts="-q -v -h -V --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__create)
            opts="-e -q -v -h -V --name --url --events --secret --generate-secret --stream-id --no-stream-check --allow-unknown-events --show-secrets --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__delete)
            opts="-y -q -v -h -V --yes --other-accounts --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__event__subcmd__types)
            opts="-q -v -h -V --provider --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --provider)
                    COMPREPLY=($(compgen -W "livepeer fastpix all" -- "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__get)
            opts="-q -v -h -V --show-secrets --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__health)
            opts="-q -v -h -V --since --fail-under --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-under)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help)
            opts="login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__event__subcmd__types)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__health)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox)
            opts="list show replay export clear browse backfill"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__backfill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__browse)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__replay)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__inbox__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__listen)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__resend)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__trigger)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox)
            opts="-q -v -h -V --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version list ls show replay export clear browse backfill help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__backfill)
            opts="-q -v -h -V --webhook --since --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --webhook)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__browse)
            opts="-q -v -h -V --to --secret --scheme --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__clear)
            opts="-y -q -v -h -V --yes --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__export)
            opts="-q -v -h -V --ndjson --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help)
            opts="list show replay export clear browse backfill help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__backfill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__browse)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__replay)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__list)
            opts="-n -q -v -h -V --event --verdict --since --failed --limit --all --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --verdict)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__replay)
            opts="-q -v -h -V --pending --to --secret --scheme --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__inbox__subcmd__show)
            opts="-q -v -h -V --raw --force --db --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__list)
            opts="-n -q -v -h -V --all --limit --name --url --since --event --order --show-secrets --deleted --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --order)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__listen)
            opts="-p -s -q -v -h -V --port --host --path --secret --webhook --scheme --tolerance --max-body --read-timeout --forward-to --forward-timeout --ack-first --max-forwards --ui --events --until --count --timeout-after --access-control --public-url --tunnel --tunnel-bin --tunnel-server --tunnel-timeout --ready-file --db --no-record --catch-up --keep --print-secret --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --tolerance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-body)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --forward-to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --forward-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-forwards)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-control)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --public-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tunnel)
                    COMPREPLY=($(compgen -W "auto cloudflared ngrok bore" -- "${cur}"))
                    return 0
                    ;;
                --tunnel-bin)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tunnel-server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tunnel-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ready-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --catch-up)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__login)
            opts="-q -v -h -V --api-key-stdin --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__logout)
            opts="-q -v -h -V --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__logs)
            opts="-n -f -q -v -h -V --failed --event --resource --status --since --limit --all --follow --interval --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --resource)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__profiles)
            opts="-q -v -h -V --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__resend)
            opts="-q -v -h -V --to-current --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__sign)
            opts="-q -v -h -V --secret --scheme --now --timestamp --id --body --event --set --legacy-asset --format --to --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --body)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "header curl http json" -- "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__trigger)
            opts="-y -H -q -v -h -V --to --secret --webhook --yes --scheme --set --legacy-asset --timestamp --header --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__update)
            opts="-e -q -v -h -V --name --url --events --add-event --remove-event --secret --rotate-secret --clear-secret --stream-id --clear-stream --allow-unknown-events --show-secrets --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --add-event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --remove-event)
                    COMPREPLY=($(compgen -W "stream.started stream.idle stream.detection recording.started recording.waiting recording.ready multistream.connected multistream.error multistream.disconnected playback.user.new playback.accessControl asset.created asset.updated asset.ready asset.failed asset.deleted task.spawned task.updated task.completed task.failed video.media.created video.media.updated video.media.ready video.media.failed video.media.deleted video.media.upload video.media.upload.cancelled video.media.track.created video.media.track.ready video.media.track.updated video.media.track.deleted video.media.subtitle.generated.ready video.media.source.ready video.media.source.deleted video.media.mp4Support.ready video.live_stream.created video.live_stream.updated video.live_stream.deleted video.live_stream.connected video.live_stream.preparing video.live_stream.active video.live_stream.recording video.live_stream.disconnected video.live_stream.idle video.live_stream.disabled video.live_stream.simulcast_target.updated video.live_stream.simulcast_target.deleted" -- "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        lpwh__subcmd__verify)
            opts="-H -q -v -h -V --secret --header --body --scheme --tolerance --now --api-key --api-url --profile --json --color --quiet --verbose --timeout --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --body)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scheme)
                    COMPREPLY=($(compgen -W "livepeer livepeer-docs fastpix standard-webhooks mux" -- "${cur}"))
                    return 0
                    ;;
                --tolerance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _lpwh -o nosort -o bashdefault -o default lpwh
else
    complete -F _lpwh -o bashdefault -o default lpwh
fi
