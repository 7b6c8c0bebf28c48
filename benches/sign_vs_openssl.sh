#!/usr/bin/env bash
# One-shot `lpwh sign` against `openssl dgst -sha256 -hmac` on the same 1 KiB body, same run,
# binary the release archives ship (`--profile dist`; hyperfine). Prints hyperfine's table and
# the ratio lpwh/openssl (goal: <= 1.0).
# Usage: benches/sign_vs_openssl.sh [RUNS]   (needs hyperfine, openssl, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-300}"

cargo build --profile dist --quiet --bin lpwh
bin="$PWD/target/dist/lpwh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A 1 KiB Livepeer-shaped body (its timestamp is the t lpwh signs at).
python3 - "$tmp/body.json" <<'PY'
import json, sys
head = '{"id":"9f1c7d2a-5b1e-4c3a-8d6f-2a7b9c0e1f23","timestamp":1763790000123,"event":"stream.started","stream":{"name":"'
tail = '"}}'
body = head + "x" * (1024 - len(head) - len(tail)) + tail
assert len(body) == 1024
json.loads(body)
open(sys.argv[1], "w").write(body)
PY

# lpwh never touches the user's config; the secret travels by environment, as in CI.
export LPWH_CONFIG_DIR="$tmp/config" LPWH_DATA_DIR="$tmp/data" LPWH_WEBHOOK_SECRET=bench-secret

# Both must compute the same MAC, or the comparison means nothing.
ours="$("$bin" sign --body "$tmp/body.json" | sed 's/.*v1=//')"
theirs="$(openssl dgst -sha256 -hmac bench-secret -r "$tmp/body.json" | cut -d' ' -f1)"
[ "$ours" = "$theirs" ] || { echo "MAC mismatch: lpwh $ours, openssl $theirs" >&2; exit 1; }

hyperfine -N --warmup 20 --runs "$runs" --export-json "$tmp/result.json" \
  -n "lpwh sign" "$bin sign --body $tmp/body.json" \
  -n "openssl dgst" "openssl dgst -sha256 -hmac bench-secret $tmp/body.json"

python3 - "$tmp/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
l, o = r["lpwh sign"], r["openssl dgst"]
print(f"lpwh sign:    mean {l['mean']*1e3:.2f} ms  median {l['median']*1e3:.2f} ms")
print(f"openssl dgst: mean {o['mean']*1e3:.2f} ms  median {o['median']*1e3:.2f} ms")
print(f"ratio lpwh/openssl: mean {l['mean']/o['mean']:.2f}  median {l['median']/o['median']:.2f}")
PY
