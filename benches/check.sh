#!/usr/bin/env bash
# Benchmark `lpwh check` (the default battery: 16 cases, 33 + 20 deliveries) against
# `lpwh listen` on loopback, with one `lpwh trigger` delivery as the baseline measured in the
# same run (process start, one signed request, one answer).
#
# Usage: benches/check.sh     (env: RUNS=20, OUT=target/bench, LPWH=path to an lpwh binary)
# Needs: cargo, hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
OUT=${OUT:-target/bench}
SECRET=bench-check-secret

command -v hyperfine >/dev/null || { echo "check.sh: missing hyperfine (apt-get install hyperfine)" >&2; exit 2; }
if [[ -z ${LPWH:-} ]]; then
    cargo build --profile dist --quiet -p lpwh --bin lpwh
    LPWH=$PWD/target/dist/lpwh
fi

WORK=$(mktemp -d)
LISTEN_PID=
cleanup() {
    if [[ -n $LISTEN_PID ]]; then kill "$LISTEN_PID" 2>/dev/null || true; wait "$LISTEN_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

LPWH_DATA_DIR=$WORK "$LPWH" listen --port 0 --host 127.0.0.1 --secret "$SECRET" --no-record -q \
    >/dev/null 2>"$WORK/listen.log" &
LISTEN_PID=$!
for _ in $(seq 100); do
    grep -q '^ready$' "$WORK/listen.log" 2>/dev/null && break
    sleep 0.05
done
URL=$(sed -n 's/^lpwh: listening on \(http:[^ ]*\).*/\1/p' "$WORK/listen.log")
[[ -n $URL ]] || { cat "$WORK/listen.log" >&2; exit 1; }

mkdir -p "$OUT"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$OUT/check.md" --export-json "$OUT/check.json" \
    -n "lpwh check (default battery)" "$LPWH check $URL --secret $SECRET" \
    -n "lpwh trigger (one delivery, baseline)" "$LPWH trigger stream.started --to $URL --secret $SECRET -q"
