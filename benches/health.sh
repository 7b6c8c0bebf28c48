#!/usr/bin/env bash
# Benchmark `lpwh health` and `lpwh inbox backfill` over one webhook with N delivery logs,
# against curl fetching the same pages, in the same run; then their peak memory at N/10 and N
# rows (it must not grow with N beyond a few bytes per row).
#
# Starts the Studio-like mock (tests/studio-mock) on 127.0.0.1 with one webhook and N logs, one
# second apart (N=100000 spans about 28 h, so `--since 2d` covers every row), and times, RUNS
# times each, alternating:
#   1. lpwh health ID --since 2d --json   (pages of 1000, newest first, each row counted and dropped)
#   2. lpwh inbox backfill --webhook ID --since 2d, into a fresh inbox each run (every row
#      imported: bodies, headers, verdicts, one transaction)
#   3. curl, one process fetching the same N/1000 page URLs over one connection (the floor: the
#      bytes alone, nothing counted or stored)
#
# Usage: benches/health.sh      (env: N=100000, RUNS=3, LPWH=path to an lpwh binary instead of
#                               building one)
# Needs: cargo, curl, jq, /usr/bin/time (apt-get install time).
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
PAGE=1000
KEY=bench-key-5d3a8e21

for tool in curl jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "health.sh: missing $tool" >&2; exit 2; }
done
if [[ -z ${LPWH:-} ]]; then
    cargo build --profile dist --quiet -p lpwh --bin lpwh
    LPWH=$PWD/target/dist/lpwh
fi
cargo build --profile dist --quiet -p studio-mock --bin studio-mock

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
    timeout 3600 target/dist/studio-mock --webhooks 1 --logs "$1" --key "$KEY" >"$WORK/url" 2>"$WORK/mock.log" &
    MOCK_PID=$!
    for _ in $(seq 600); do [[ -s $WORK/url ]] && break; sleep 0.1; done
    [[ -s $WORK/url ]] || { echo "health.sh: the mock did not start" >&2; cat "$WORK/mock.log" >&2; exit 1; }
    URL=$(head -n1 "$WORK/url")
    export LIVEPEER_API_URL=$URL
    ID=$(curl -sS --fail -H "Authorization: Bearer $KEY" "$URL/webhook" | jq -r '.[0].id')
}

# peak_rss_kib ARGS...: the maximum resident set size of `lpwh ARGS`, in KiB.
peak_rss_kib() {
    /usr/bin/time -v timeout 300 "$LPWH" "$@" 2>"$WORK/time.txt" >/dev/null
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt"
}
backfill() {
    rm -f "$WORK/inbox.sqlite"*
    timeout 300 "$LPWH" --json inbox backfill --webhook "$ID" --since 2d --db "$WORK/inbox.sqlite"
}

small=$((N / 10))
start_mock "$small"
rss_small=$(peak_rss_kib health "$ID" --since 2d --json)
rm -f "$WORK/inbox.sqlite"*
bf_small=$(peak_rss_kib inbox backfill --webhook "$ID" --since 2d --db "$WORK/inbox.sqlite")

start_mock "$N"
# Sanity: lpwh counts every row, so both sides do the same paging.
got=$(timeout 300 "$LPWH" health "$ID" --since 2d --json | jq '.[0].attempts')
[[ $got == "$N" ]] || { echo "health.sh: lpwh counted $got attempts, expected $N" >&2; exit 1; }
got=$(backfill | jq '.[0].added')
[[ $got == "$N" ]] || { echo "health.sh: backfill added $got rows, expected $N" >&2; exit 1; }
for ((skip = 0; skip < N; skip += PAGE)); do
    printf 'url = "%s"\n' "$URL/webhook/$ID/log?limit=$PAGE&order=createdAt-true&cursor=skip$skip"
done >"$WORK/curl-pages.cfg"
got=$(curl -sS --fail -H "Authorization: Bearer $KEY" -K "$WORK/curl-pages.cfg" | jq -s 'map(length) | add')
[[ $got == "$N" ]] || { echo "health.sh: curl fetched $got rows, expected $N" >&2; exit 1; }

ms_now() { date +%s%3N; }
lpwh_ms=()
backfill_ms=()
curl_ms=()
for ((run = 0; run < RUNS; run++)); do
    t0=$(ms_now)
    timeout 300 "$LPWH" health "$ID" --since 2d --json >/dev/null
    t1=$(ms_now)
    backfill >/dev/null
    t2=$(ms_now)
    timeout 300 curl -sS --fail -H "Authorization: Bearer $KEY" -K "$WORK/curl-pages.cfg" >/dev/null
    t3=$(ms_now)
    lpwh_ms+=($((t1 - t0)))
    backfill_ms+=($((t2 - t1)))
    curl_ms+=($((t3 - t2)))
done
rss_big=$(peak_rss_kib health "$ID" --since 2d --json)
rm -f "$WORK/inbox.sqlite"*
bf_big=$(peak_rss_kib inbox backfill --webhook "$ID" --since 2d --db "$WORK/inbox.sqlite")

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %d ms, min %d, max %d", s/NR, a[1], a[NR]}'; }
mean() { printf '%s\n' "$@" | awk '{s+=$1} END {print s/NR}'; }
echo "== lpwh health over $N logs (pages of $PAGE), $RUNS runs each, mock at $URL"
echo "lpwh health --json:            $(stats "${lpwh_ms[@]}")"
echo "lpwh inbox backfill:           $(stats "${backfill_ms[@]}")"
echo "curl one process, same pages:  $(stats "${curl_ms[@]}")"
awk -v a="$(mean "${lpwh_ms[@]}")" -v b="$(mean "${backfill_ms[@]}")" -v c="$(mean "${curl_ms[@]}")" \
    'BEGIN {printf "ratio to curl: health %.2f, backfill %.2f\n", a / c, b / c}'
echo "peak RSS, health:   $((rss_small / 1024)) MiB at $small rows, $((rss_big / 1024)) MiB at $N rows"
echo "peak RSS, backfill: $((bf_small / 1024)) MiB at $small rows, $((bf_big / 1024)) MiB at $N rows"
