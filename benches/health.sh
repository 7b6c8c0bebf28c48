#!/usr/bin/env bash
# Benchmark `lpwh health` over one webhook with N delivery logs, against curl fetching the same
# pages, in the same run; then lpwh's peak memory at N/10 and N rows (it must not grow with N
# beyond a few bytes per row).
#
# Starts the Studio-like mock (tests/studio-mock) on 127.0.0.1 with one webhook and N logs, one
# second apart (N=100000 spans about 28 h, so `--since 2d` covers every row), and times, RUNS
# times each, alternating:
#   1. lpwh health ID --since 2d --json   (pages of 1000, newest first, each row counted and dropped)
#   2. curl, one process fetching the same N/1000 page URLs over one connection (the floor: the
#      bytes alone, nothing counted)
#
# Usage: benches/health.sh      (env: N=100000, RUNS=5, LPWH=path to an lpwh binary instead of
#                               building one)
# Needs: cargo, curl, jq, /usr/bin/time (apt-get install time).
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-5}
PAGE=1000
KEY=bench-key-5d3a8e21

for tool in curl jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "health.sh: missing $tool" >&2; exit 2; }
done
if [[ -z ${LPWH:-} ]]; then
    cargo build --release --quiet -p lpwh --bin lpwh
    LPWH=$PWD/target/release/lpwh
fi
cargo build --release --quiet -p studio-mock --bin studio-mock

WORK=$(mktemp -d)
MOCK_PID=
stop_mock() {
    if [[ -n $MOCK_PID ]]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi
    MOCK_PID=
}
trap 'stop_mock; rm -rf "$WORK"' EXIT
export LIVEPEER_API_KEY=$KEY LPWH_CONFIG_DIR=$WORK/config LPWH_DATA_DIR=$WORK/data NO_COLOR=1 CI=1
mkdir -p "$LPWH_CONFIG_DIR" "$LPWH_DATA_DIR"

# start_mock ROWS: a mock with one webhook and ROWS logs; sets URL and ID.
start_mock() {
    stop_mock
    rm -f "$WORK/url"
    timeout 600 target/release/studio-mock --webhooks 1 --logs "$1" --key "$KEY" >"$WORK/url" 2>"$WORK/mock.log" &
    MOCK_PID=$!
    for _ in $(seq 600); do [[ -s $WORK/url ]] && break; sleep 0.1; done
    [[ -s $WORK/url ]] || { echo "health.sh: the mock did not start" >&2; cat "$WORK/mock.log" >&2; exit 1; }
    URL=$(head -n1 "$WORK/url")
    export LIVEPEER_API_URL=$URL
    ID=$(curl -sS --fail -H "Authorization: Bearer $KEY" "$URL/webhook" | jq -r '.[0].id')
}

# peak_rss_kib: lpwh health's maximum resident set size, in KiB.
peak_rss_kib() {
    /usr/bin/time -v timeout 300 "$LPWH" health "$ID" --since 2d --json 2>"$WORK/time.txt" >/dev/null
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt"
}

small=$((N / 10))
start_mock "$small"
rss_small=$(peak_rss_kib)

start_mock "$N"
# Sanity: lpwh counts every row, so both sides do the same paging.
got=$(timeout 300 "$LPWH" health "$ID" --since 2d --json | jq '.[0].attempts')
[[ $got == "$N" ]] || { echo "health.sh: lpwh counted $got attempts, expected $N" >&2; exit 1; }
for ((skip = 0; skip < N; skip += PAGE)); do
    printf 'url = "%s"\n' "$URL/webhook/$ID/log?limit=$PAGE&order=createdAt-true&cursor=skip$skip"
done >"$WORK/curl-pages.cfg"
got=$(curl -sS --fail -H "Authorization: Bearer $KEY" -K "$WORK/curl-pages.cfg" | jq -s 'map(length) | add')
[[ $got == "$N" ]] || { echo "health.sh: curl fetched $got rows, expected $N" >&2; exit 1; }

ms_now() { date +%s%3N; }
lpwh_ms=()
curl_ms=()
for ((run = 0; run < RUNS; run++)); do
    t0=$(ms_now)
    timeout 300 "$LPWH" health "$ID" --since 2d --json >/dev/null
    t1=$(ms_now)
    timeout 300 curl -sS --fail -H "Authorization: Bearer $KEY" -K "$WORK/curl-pages.cfg" >/dev/null
    t2=$(ms_now)
    lpwh_ms+=($((t1 - t0)))
    curl_ms+=($((t2 - t1)))
done
rss_big=$(peak_rss_kib)

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %d ms, min %d, max %d", s/NR, a[1], a[NR]}'; }
mean() { printf '%s\n' "$@" | awk '{s+=$1} END {print s/NR}'; }
echo "== lpwh health over $N logs (pages of $PAGE), $RUNS runs each, mock at $URL"
echo "lpwh health --json:            $(stats "${lpwh_ms[@]}")"
echo "curl one process, same pages:  $(stats "${curl_ms[@]}")"
awk -v a="$(mean "${lpwh_ms[@]}")" -v b="$(mean "${curl_ms[@]}")" \
    'BEGIN {printf "ratio lpwh / curl: %.2f\n", a / b}'
echo "peak RSS: $((rss_small / 1024)) MiB at $small rows, $((rss_big / 1024)) MiB at $N rows"
