# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_lpwh_global_optspecs
    string join \n api-key= api-url= profile= json color= q/quiet v/verbose timeout= h/help V/version
end

function __fish_lpwh_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_lpwh_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_lpwh_using_subcommand
    set -l cmd (__fish_lpwh_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c lpwh -n "__fish_lpwh_needs_command" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_needs_command" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_needs_command" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_needs_command" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_needs_command" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_needs_command" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_needs_command" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "login" -d 'Save an API key for a profile (checked with one API call first)'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "logout" -d 'Forget a profile\'s stored API key'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "profiles" -d 'List profiles and where their keys are stored'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "create" -d 'Create a webhook (a wizard on a terminal when flags are missing)'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "list" -d 'List webhooks'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "ls" -d 'List webhooks'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "get" -d 'Show one webhook'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "update" -d 'Change a webhook; fields you do not name are kept'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "delete" -d 'Delete one or more webhooks'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "rm" -d 'Delete one or more webhooks'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "logs" -d 'Show a webhook\'s delivery history, or one delivery in full'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "resend" -d 'Ask Studio to send a logged delivery again'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "health" -d 'How deliveries went per webhook: success rates, failures by cause, latency (for cron and CI with --fail-under)'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "event-types" -d 'List the event types webhooks can subscribe to'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "sign" -d 'Sign a body the way Studio (or another provider) would, for tests and CI'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "verify" -d 'Check a signature header against a body and secret'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "trigger" -d 'Send a signed, realistic sample delivery of an event to a URL'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "check" -d 'Grade a receiver against Studio\'s delivery contract (signatures, retries, latency), for CI'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "listen" -d 'Receive deliveries locally: verify, answer, print, forward'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "inbox" -d 'The deliveries listen recorded: list, show, replay, export, clear'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c lpwh -n "__fish_lpwh_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l api-key-stdin -d 'Read the API key from stdin (for scripts; surrounding whitespace is trimmed)'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand login" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand logout" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l name -d 'A name for the webhook' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l url -d 'Where Studio sends events (http:// or https://, reachable from the internet)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -s e -l events -d 'Events to subscribe to, comma-separated or repeated (see \'lpwh event-types\')' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l secret -d 'Secret Studio signs deliveries with (Livepeer-Signature header)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l stream-id -d 'Tie the webhook to this stream (checked to exist first). Studio stores it, but its sender today ignores it: the webhook fires for every stream of the account' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l generate-secret -d 'Generate a random signing secret and print it once'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l no-stream-check -d 'Do not check that --stream-id names a stream of this account'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l allow-unknown-events -d 'Send event names the catalog does not know (for events newer than this lpwh)'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l show-secrets -d 'Show the secret unmasked in the output'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand create" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -s n -l limit -d 'At most this many webhooks [default: 20]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l name -d 'Only webhooks whose name contains this (case-insensitive)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l url -d 'Only webhooks whose URL contains this (checked here: Studio matches URLs exactly)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l since -d 'Only webhooks created since this age (10m, 2h, 7d) or RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l event -d 'Only webhooks subscribed to this event' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l order -d 'Sort order: FIELD-asc or FIELD-desc, e.g. createdAt-desc [default: by id]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l all -d 'Every webhook, following all pages'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l show-secrets -d 'Show secrets unmasked (a SECRET column; unmasked in --json)'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l deleted -d 'With an admin\'s key: include deleted webhooks, marked deleted (Studio returns them only when asked)'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand list" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -s n -l limit -d 'At most this many webhooks [default: 20]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l name -d 'Only webhooks whose name contains this (case-insensitive)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l url -d 'Only webhooks whose URL contains this (checked here: Studio matches URLs exactly)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l since -d 'Only webhooks created since this age (10m, 2h, 7d) or RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l event -d 'Only webhooks subscribed to this event' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l order -d 'Sort order: FIELD-asc or FIELD-desc, e.g. createdAt-desc [default: by id]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l all -d 'Every webhook, following all pages'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l show-secrets -d 'Show secrets unmasked (a SECRET column; unmasked in --json)'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l deleted -d 'With an admin\'s key: include deleted webhooks, marked deleted (Studio returns them only when asked)'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand ls" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l show-secrets -d 'Show the secret unmasked'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand get" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l name -d 'New name' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l url -d 'New delivery URL' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -s e -l events -d 'Replace the subscribed events (comma-separated or repeated)' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l add-event -d 'Subscribe to one more event (repeatable)' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l remove-event -d 'Unsubscribe from an event (repeatable)' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l secret -d 'Set the signing secret' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l stream-id -d 'Tie the webhook to this stream (Studio checks it exists; its sender today ignores it and fires for every stream of the account)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l rotate-secret -d 'Replace the signing secret with a new random one, printed once'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l clear-secret -d 'Remove the signing secret (deliveries will not be signed)'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l clear-stream -d 'Remove the webhook\'s stream (resets Studio\'s last triggered/last failure)'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l allow-unknown-events -d 'Accept event names the catalog does not know'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l show-secrets -d 'Show the secret unmasked in the output'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand update" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l other-accounts -d 'With an admin\'s key: also delete other accounts\' webhooks (otherwise refused, naming the account)'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand delete" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l other-accounts -d 'With an admin\'s key: also delete other accounts\' webhooks (otherwise refused, naming the account)'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand rm" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l event -d 'Only deliveries of this event' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l resource -d 'Only deliveries whose body mentions this stream, asset, session or playback id (a case-insensitive substring of the request body)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l status -d 'Only deliveries the receiver answered with this HTTP status' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l since -d 'Only deliveries since this age (10m, 2h, 7d) or RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s n -l limit -d 'At most this many deliveries, newest first [default: 20]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l interval -d 'Seconds between polls with --follow' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l failed -d 'Only failed deliveries'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l all -d 'Every matching delivery, following all pages'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s f -l follow -d 'Keep polling and print new deliveries as they arrive (Ctrl-C stops)'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand logs" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l to-current -d 'Send the logged body to the webhook\'s current URL, re-signed with its current secret and a fresh timestamp, from this machine (Studio keeps no log of it)'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand resend" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l since -d 'The window: an age (30m, 24h, 7d) or an RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l fail-under -d 'Exit 1 when a webhook\'s event success rate in the window is below PCT (0-100)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand health" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l provider -d 'Whose events to list' -r -f -a "livepeer\t'Livepeer Studio (what `lpwh create --events` accepts)'
fastpix\t'FastPix (for `lpwh trigger` and `lpwh listen --scheme fastpix`)'
all\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand event-types" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l secret -d 'The webhook\'s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l scheme -d 'Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l timestamp -l now -d 'Unix time to sign at, seconds or milliseconds (told apart by size) [default: now; for a livepeer --body, the body\'s own "timestamp"]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l id -d 'Message id for standard-webhooks (`webhook-id`) [default: a fresh msg_<uuid>]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l body -d 'The body to sign: a file, or `-` for stdin. Signed byte for byte' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l event -d 'Sign a realistic sample delivery of this event instead of a file (see `lpwh event-types`)' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l set -d 'Change a field of the --event sample before signing, e.g. `stream.name=test` (repeatable)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l format -d 'What to print: the header line(s), a curl command, a raw HTTP request, or JSON' -r -f -a "header\t'`Name: value` lines only, for `-H "$(lpwh sign ...)"`'
curl\t'A ready-to-run curl command that posts the body with its signature'
http\t'A raw HTTP/1.1 request (e.g. for `nc`)'
json\t'`{"headers": {...}, "body": ..., "timestamp": ...}`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l to -d 'Where the curl command or HTTP request sends the delivery' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l legacy-asset -d 'Use the legacy asset.ready/asset.failed payload (webhooks created before 2024-07-28)'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand sign" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l secret -d 'The webhook\'s secret; repeat it during a rotation (any may match)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -s H -l header -d 'A request header, `Name: value` (repeatable; e.g. the Livepeer-Signature line)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l body -d 'The raw body as received: a file, or `-` for stdin' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l scheme -d 'Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l tolerance -d 'How far the timestamp may be from now, either way: `300`, `300s`, `5m`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l now -d 'Check as if it were this Unix time (seconds or milliseconds) [default: now]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand verify" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l to -d 'URL to POST the delivery to [default with --webhook: that webhook\'s URL, after asking]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l secret -d 'The webhook\'s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l webhook -d 'Sign with this Studio webhook\'s secret (an id or a unique prefix; fetched from the API), and put its id in the body\'s webhookId' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l scheme -d 'Signature scheme [default: livepeer, or fastpix for FastPix events]' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l set -d 'Change a field of the sample by dotted path before signing; VALUE is JSON when it parses as JSON, else a string (repeatable), e.g. stream.isActive=false' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l timestamp -d 'Stamp the delivery with this Unix time (seconds or milliseconds, told apart by magnitude) instead of now, e.g. to test a receiver\'s freshness check' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s H -l header -d 'Extra request header, \'Name: value\' (repeatable; replaces a default header of that name)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s y -l yes -d 'With --webhook and no --to: send to the webhook\'s URL without asking'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l legacy-asset -d 'Use the legacy payload form Studio sends to webhooks created before 2024-07-28 (asset.ready and asset.failed only)'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand trigger" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l secret -d 'The webhook\'s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l scheme -d 'Signature scheme the receiver verifies' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l events -d 'The events `valid` sends, comma-separated [default: stream.started, stream.idle, recording.ready, asset.ready, task.completed]' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l only -d 'Run only these cases (comma-separated)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l skip -d 'Run every case but these (comma-separated)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l burst -d 'How many deliveries `burst` sends (10 in flight at a time)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l junit -d 'Also write the results as JUnit XML, one testcase per case' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l strict -d 'Exit 1 on warnings too'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand check" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s p -l port -d 'Port to listen on (0 picks a free one; the address is printed)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l host -d 'Address to bind to (use 0.0.0.0 only if other machines must reach it)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l path -d 'Only accept deliveries on this path (others get 404) [default: any path]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s s -l secret -d 'Webhook secret to verify with; repeat during a secret rotation (any may match)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l webhook -d 'Verify with the sharedSecret of this Studio webhook (an id or a unique prefix; fetched from the API)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l scheme -d 'Signature scheme deliveries are signed with' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l tolerance -d 'How far a delivery\'s timestamp may be from now, both ways (e.g. 300s, 5m)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l max-body -d 'Largest body accepted; bigger ones get 413 (e.g. 1MiB, 512KiB, 100000)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l read-timeout -d 'How long a client may take to send its headers, and then its body' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l forward-to -d 'Also POST each valid delivery (raw body, original headers) to URL; repeatable. EVENT_GLOB=URL sends only matching events there, e.g. \'stream.*=http://localhost:4000/streams\'' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l forward-timeout -d 'How long to wait for a forward target\'s answer' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l max-forwards -d 'With --ack-first: the most forwards under way at once; later deliveries wait in the inbox and go to the app in order' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l events -d 'Only print, forward and count these events (comma-separated globs, e.g. \'asset.*,task.failed\'); other deliveries are still answered. With --public-url: the events to subscribe to' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l until -d 'Exit 0 once a verified delivery of EVENT arrives (an unsigned one only when listen has no secret)' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l count -d 'Exit 0 after N verified deliveries (of the --until event, when both are given; unsigned ones only when listen has no secret)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l timeout-after -d 'Exit 1 if --until/--count is not reached within this time (e.g. 90s, 10m). The whole wait; the global --timeout is per API call' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l access-control -d 'Answer playback.accessControl requests: allow, deny, or a rules file (JSON or TOML)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l public-url -d 'Your public tunnel URL: create a temporary Studio webhook for it, verify with its secret, and delete it on exit. The secret is --secret\'s (or LPWH_WEBHOOK_SECRET\'s), else the profile\'s development secret (see --print-secret)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l tunnel -d 'Expose the listener through a tunnel program and point a temporary Studio webhook at it, kept in step when the tunnel restarts: auto (the first of cloudflared, ngrok, bore on PATH), cloudflared, ngrok or bore' -r -f -a "auto\t''
cloudflared\t''
ngrok\t''
bore\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l tunnel-bin -d 'The tunnel program\'s path [default: found on PATH]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l tunnel-server -d 'bore\'s server (self-hosted, or the public bore.pub)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l tunnel-timeout -d 'How long the tunnel program has to give its public URL' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l ready-file -d 'Once ready, write {listen_url, public_url, webhook_id, events, tunnel} as JSON to PATH (atomically: a script may wait for the file to appear)' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l db -d 'Record deliveries in this SQLite database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l catch-up -d 'With --webhook: before taking live deliveries, bring in the events Studio logged for it in the last DURATION (10m, 2h, 1d) that the inbox lacks, and forward them in order' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l keep -d 'Keep only the newest N recorded deliveries, or those younger than an age (7d, 12h)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l ack-first -d 'Answer the sender 200 as soon as the delivery is recorded, then forward with no timeout and record the app\'s answer when it comes: for stepping through your handler in a debugger without Studio timing out and retrying. Until the app answers, the delivery is `pending` in the inbox, and survives any exit (\'lpwh inbox replay --pending\' sends what is left). Never for playback.accessControl, whose answer is the decision'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l ui -d 'Show deliveries in the full-screen view (as `lpwh inbox browse`, following new arrivals) instead of lines; q quits and stops listening'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l no-record -d 'Do not record deliveries in the inbox (lpwh inbox)'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l print-secret -d 'Print the profile\'s development webhook secret and exit: what --tunnel and --public-url sign the temporary webhook with when no --secret is given (made on first use, then kept beside the API key, so your app\'s .env keeps working). Needs no API key'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand listen" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "ls" -d 'List recorded deliveries, newest first'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "show" -d 'Show one delivery: headers, verdict, forward results and the pretty-printed body'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "replay" -d 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio\'s resend does)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "export" -d 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "clear" -d 'Delete every recorded delivery'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "browse" -d 'Look through the deliveries full-screen: move, open details, search, filter, follow'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "backfill" -d 'Import the deliveries Studio logged (while listen was not running, say) into the inbox'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and not __fish_seen_subcommand_from list ls show replay export clear browse backfill help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l event -d 'Only this event (a glob with * works, e.g. \'stream.*\')' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l verdict -d 'Only this verdict: ok, bad_signature, stale_timestamp, unsigned, unchecked, duplicate, ...' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l since -d 'Only deliveries received since: an age (10m, 2h, 1d) or an RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -s n -l limit -d 'At most this many (the newest)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l failed -d 'Only failures: refused deliveries, and forwarded ones your app answered with a non-2xx or not at all'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l all -d 'Every matching delivery, however many'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l event -d 'Only this event (a glob with * works, e.g. \'stream.*\')' -r -f -a "stream.started\t''
stream.idle\t''
stream.detection\t''
recording.started\t''
recording.waiting\t''
recording.ready\t''
multistream.connected\t''
multistream.error\t''
multistream.disconnected\t''
playback.user.new\t''
playback.accessControl\t''
asset.created\t''
asset.updated\t''
asset.ready\t''
asset.failed\t''
asset.deleted\t''
task.spawned\t''
task.updated\t''
task.completed\t''
task.failed\t''
video.media.created\t''
video.media.updated\t''
video.media.ready\t''
video.media.failed\t''
video.media.deleted\t''
video.media.upload\t''
video.media.upload.cancelled\t''
video.media.track.created\t''
video.media.track.ready\t''
video.media.track.updated\t''
video.media.track.deleted\t''
video.media.subtitle.generated.ready\t''
video.media.source.ready\t''
video.media.source.deleted\t''
video.media.mp4Support.ready\t''
video.live_stream.created\t''
video.live_stream.updated\t''
video.live_stream.deleted\t''
video.live_stream.connected\t''
video.live_stream.preparing\t''
video.live_stream.active\t''
video.live_stream.recording\t''
video.live_stream.disconnected\t''
video.live_stream.idle\t''
video.live_stream.disabled\t''
video.live_stream.simulcast_target.updated\t''
video.live_stream.simulcast_target.deleted\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l verdict -d 'Only this verdict: ok, bad_signature, stale_timestamp, unsigned, unchecked, duplicate, ...' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l since -d 'Only deliveries received since: an age (10m, 2h, 1d) or an RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -s n -l limit -d 'At most this many (the newest)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l failed -d 'Only failures: refused deliveries, and forwarded ones your app answered with a non-2xx or not at all'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l all -d 'Every matching delivery, however many'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l raw -d 'Print the exact raw body bytes and nothing else (to a file or pipe; see --force)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l force -d 'With --raw, write the bytes even when stdout is a terminal. A delivery\'s bytes are whatever the sender chose, escape sequences included, and a terminal obeys them'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l to -d 'URL to POST it to' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l secret -d 'The webhook\'s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l scheme -d 'Signature scheme' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l pending -d 'Send every pending delivery (answered by \'listen --ack-first\' before the app did), oldest first, and record each answer; stops at the first that cannot be sent'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l ndjson -d 'One JSON object per line (the default); --json prints one array instead'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l to -d 'Where `r` replays and `c` copies to [default: asked once]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l secret -d 'The webhook\'s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l scheme -d 'Signature scheme for replays' -r -f -a "livepeer\t'What Studio really sends: `t=<ms>`, HMAC of the raw body alone'
livepeer-docs\t'What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`'
fastpix\t'FastPix: base64 HMAC of the body with the base64-decoded secret'
standard-webhooks\t'The Standard Webhooks spec (Svix and others)'
mux\t'Mux: `t=<seconds>`, HMAC of `t.body`'"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from browse" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l webhook -d 'Only this webhook: its id or a unique prefix (default: every webhook)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l since -d 'How far back: an age (30m, 2h, 7d) or an RFC 3339 time' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l db -d 'The inbox database [default: <data dir>/inbox.sqlite]' -r -F
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from backfill" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one delivery: headers, verdict, forward results and the pretty-printed body'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio\'s resend does)'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Delete every recorded delivery'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "browse" -d 'Look through the deliveries full-screen: move, open details, search, filter, follow'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "backfill" -d 'Import the deliveries Studio logged (while listen was not running, say) into the inbox'
complete -c lpwh -n "__fish_lpwh_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l api-key -d 'Livepeer Studio API key (overrides the profile\'s stored key)' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l api-url -d 'Studio API base URL [default: https://livepeer.studio/api]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l profile -d 'Profile whose credentials and settings to use [default: default]' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"'
always\t''
never\t''"
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l timeout -d 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count' -r
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -l json -d 'Print data as JSON on stdout (messages still go to stderr)'
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -s v -l verbose -d 'Show each HTTP request (method, URL, status, time) on stderr; never the key'
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lpwh -n "__fish_lpwh_using_subcommand completions" -s V -l version -d 'Print version'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "login" -d 'Save an API key for a profile (checked with one API call first)'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "logout" -d 'Forget a profile\'s stored API key'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "profiles" -d 'List profiles and where their keys are stored'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "create" -d 'Create a webhook (a wizard on a terminal when flags are missing)'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "list" -d 'List webhooks'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "get" -d 'Show one webhook'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "update" -d 'Change a webhook; fields you do not name are kept'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "delete" -d 'Delete one or more webhooks'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "logs" -d 'Show a webhook\'s delivery history, or one delivery in full'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "resend" -d 'Ask Studio to send a logged delivery again'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "health" -d 'How deliveries went per webhook: success rates, failures by cause, latency (for cron and CI with --fail-under)'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "event-types" -d 'List the event types webhooks can subscribe to'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "sign" -d 'Sign a body the way Studio (or another provider) would, for tests and CI'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "verify" -d 'Check a signature header against a body and secret'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "trigger" -d 'Send a signed, realistic sample delivery of an event to a URL'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "check" -d 'Grade a receiver against Studio\'s delivery contract (signatures, retries, latency), for CI'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "listen" -d 'Receive deliveries locally: verify, answer, print, forward'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "inbox" -d 'The deliveries listen recorded: list, show, replay, export, clear'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and not __fish_seen_subcommand_from login logout profiles create list get update delete logs resend health event-types sign verify trigger check listen inbox completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "show" -d 'Show one delivery: headers, verdict, forward results and the pretty-printed body'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "replay" -d 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio\'s resend does)'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "export" -d 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "clear" -d 'Delete every recorded delivery'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "browse" -d 'Look through the deliveries full-screen: move, open details, search, filter, follow'
complete -c lpwh -n "__fish_lpwh_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "backfill" -d 'Import the deliveries Studio logged (while listen was not running, say) into the inbox'
