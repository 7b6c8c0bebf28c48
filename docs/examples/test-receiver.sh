#!/usr/bin/env bash
# Check a webhook receiver the way Studio will call it: signed deliveries are accepted,
# forged, tampered and stale ones refused. Needs lpwh, curl and jq on PATH.
#   RECEIVER=http://localhost:3000/webhooks LPWH_WEBHOOK_SECRET=... bash test-receiver.sh
set -euo pipefail
RECEIVER=${RECEIVER:-http://localhost:3000/webhooks}
: "${LPWH_WEBHOOK_SECRET:?set LPWH_WEBHOOK_SECRET to the secret your receiver verifies with}"

fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Realistic, correctly signed deliveries are accepted (trigger exits 1 on a non-2xx answer).
lpwh trigger stream.started --to "$RECEIVER"
lpwh trigger asset.ready --to "$RECEIVER" --set payload.asset.snapshot.name=ci.mp4

# 2. A signature made with another secret is refused.
if lpwh trigger stream.started --to "$RECEIVER" --secret not-the-secret 2>/dev/null; then
    fail "receiver accepted a delivery signed with the wrong secret"
fi

# 3. A delivery stamped 10 minutes ago is refused (replay protection).
if lpwh trigger stream.started --to "$RECEIVER" --timestamp $(( $(date +%s) - 600 )) 2>/dev/null; then
    fail "receiver accepted a 10-minute-old delivery"
fi

# 4. A body changed after signing is refused.
signed=$(lpwh sign --event stream.idle --format json)
header=$(jq -r '.headers["Livepeer-Signature"]' <<<"$signed")
body=$(jq -r .body <<<"$signed" | sed 's/"stream.idle"/"stream.started"/')
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$RECEIVER" \
    -H 'Content-Type: application/json' -H "Livepeer-Signature: $header" --data-binary "$body")
[[ $status == 2* ]] && fail "receiver accepted a tampered body (HTTP $status)"

# 5. Your own test fixtures carry signatures Studio would send (checked at their own time).
for f in tests/fixtures/webhooks/*.json; do
    [[ -e $f ]] || break
    lpwh verify --header "$(cat "${f%.json}.sig")" --body "$f" \
        --now "$(jq .timestamp "$f")"
done
echo "receiver OK"
