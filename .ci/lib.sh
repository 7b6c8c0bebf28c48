# .ci/lib.sh: what the .ci scripts share; each sources it after defining `say` and `die`.

# apt_install PKG...: install Debian packages, as root or with passwordless sudo, never reading
# stdin; dies naming the packages and the command when it cannot. Nothing to do without PKGs.
apt_install() {
    (($#)) || return 0
    say "installing: $*"
    command -v apt-get >/dev/null ||
        die "missing $* and no apt-get here; install them with your package manager"
    local sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
            die "missing $*; run as root or install them: apt-get install $*"
        sudo=(sudo -n)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq </dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" </dev/null
}
