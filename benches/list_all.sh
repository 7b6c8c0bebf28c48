#!/usr/bin/env bash
# Benchmark `lpwh list --all --json` against curl fetching the same pages, in the same run.
#
# Starts the Studio-like mock (tests/studio-mock) on 127.0.0.1 with 10,000 webhooks and times:
#   1. lpwh list --all --json          (lpwh asks for the largest page Studio allows: limit=1000)
#   2. curl, one process per page, following the Link header (the way a shell script would)
#   3. curl, one process fetching every page URL (connection reuse: the floor for 10 requests)
# with hyperfine, then lpwh's peak RSS with /usr/bin/time -v.
#
# Usage: benches/list_all.sh            (env: N=10000 webhooks, RUNS=20, OUT=target/bench,
#                                        LPWH=path to use an lpwh binary instead of building one)
# Needs: cargo, curl, hyperfine, jq, /usr/bin/time (apt-get install time).
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-20}
PAGE=1000 # Studio's maximum `limit`; `lpwh list --all` uses it, so curl does too.
KEY=bench-key-7c1e0a9d
OUT=${OUT:-target/bench}

for tool in curl hyperfine jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "list_all.sh: missing $tool" >&2; exit 2; }
done

if [[ -z ${LPWH:-} ]]; then
    cargo build --profile dist --quiet -p lpwh --bin lpwh
    LPWH=$PWD/target/dist/lpwh
fi
cargo build --profile dist --quiet -p studio-mock --bin studio-mock

WORK=$(mktemp -d)
MOCK_PID=
cleanup() {
    if [[ -n $MOCK_PID ]]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

target/dist/studio-mock --webhooks "$N" --key "$KEY" >"$WORK/url" 2>"$WORK/mock.log" &
MOCK_PID=$!
for _ in $(seq 100); do [[ -s $WORK/url ]] && break; sleep 0.1; done
[[ -s $WORK/url ]] || { echo "list_all.sh: the mock did not start" >&2; cat "$WORK/mock.log" >&2; exit 1; }
URL=$(head -n1 "$WORK/url")

# lpwh reads these; the temp dirs keep the real config and keyring out of it.
export LIVEPEER_API_URL=$URL LIVEPEER_API_KEY=$KEY
export LPWH_CONFIG_DIR=$WORK/config LPWH_DATA_DIR=$WORK/data NO_COLOR=1 CI=1
mkdir -p "$LPWH_CONFIG_DIR" "$LPWH_DATA_DIR" "$OUT"

# curl following the Link header page by page, stopping like lpwh does (no link,
# cursor=undefined, or an empty page). Bounded: at most N/PAGE + 2 requests.
cat >"$WORK/curl-follow.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
next="$URL/webhook?limit=$PAGE"
for _ in \$(seq $((N / PAGE + 2))); do
    link=\$(curl -sS --fail -o "$WORK/page.json" -D - -H "Authorization: Bearer $KEY" "\$next" \\
        | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>; rel="next".*/\1/p')
    cat "$WORK/page.json"
    [[ -z \$link || \$link == *cursor=undefined* || \$(head -c 2 "$WORK/page.json") == "[]" ]] && break
    next=\$link
done
EOF
chmod +x "$WORK/curl-follow.sh"

# Every page URL at once: cursor=skip0 .. skip(N-PAGE), one curl process, one connection.
PAGES=()
for ((skip = 0; skip < N; skip += PAGE)); do PAGES+=("$URL/webhook?limit=$PAGE&cursor=skip$skip"); done
printf 'url = "%s"\n' "${PAGES[@]}" >"$WORK/curl-pages.cfg"

# Sanity: both sides return all N webhooks, so the timings compare equal work.
got=$("$LPWH" list --all --json | jq length) || { echo "list_all.sh: 'lpwh list --all --json' failed" >&2; exit 1; }
[[ $got == "$N" ]] || { echo "list_all.sh: lpwh listed $got webhooks, expected $N" >&2; exit 1; }
got=$("$WORK/curl-follow.sh" | jq -s 'map(length) | add')
[[ $got == "$N" ]] || { echo "list_all.sh: curl loop fetched $got webhooks, expected $N" >&2; exit 1; }

echo "== $N webhooks, page size $PAGE, mock at $URL"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$OUT/list_all.md" --export-json "$OUT/list_all.json" \
    -n "lpwh list --all --json" "'$LPWH' list --all --json" \
    -n "curl loop following Link" "'$WORK/curl-follow.sh'" \
    -n "curl one process, all pages" "curl -sS --fail -H 'Authorization: Bearer $KEY' -K '$WORK/curl-pages.cfg'"

echo "== peak memory of lpwh list --all --json ($N webhooks)"
/usr/bin/time -v "$LPWH" list --all --json 2>"$WORK/time.txt" >/dev/null
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
echo "peak RSS: ${rss_kb} KiB ($((rss_kb / 1024)) MiB)"
echo "results: $OUT/list_all.md, $OUT/list_all.json"
