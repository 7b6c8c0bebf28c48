#!/usr/bin/env bash
# End to end with real Studio: lpwh listen creates a temporary webhook for your tunnel URL,
# forwards each verified delivery to your app, and exits 0 once the event you wait for arrived
# AND your app took every delivery (a 2xx); 1 when your app refused one or never answered, or
# on timeout. The webhook signs with LPWH_WEBHOOK_SECRET: start your app with the same secret.
#
# Needs: LIVEPEER_API_KEY, LPWH_WEBHOOK_SECRET, TUNNEL_URL (e.g. from
# `cloudflared tunnel --url http://localhost:8787`). Optional: APP_URL (your app's webhook
# route, default http://localhost:3000/webhooks), PORT (8787), EVENTS ('asset.*'), UNTIL
# (asset.ready), TIMEOUT (10m), TRIGGER (what makes Studio send the event, default
# ./scripts/upload-test-asset.sh).
set -euo pipefail
: "${TUNNEL_URL:?set TUNNEL_URL to the public URL of a tunnel to localhost:${PORT:-8787}}"
: "${LPWH_WEBHOOK_SECRET:?set LPWH_WEBHOOK_SECRET, the secret your app verifies with}"
ready="$(mktemp -d)/ready.json"
lpwh listen --port "${PORT:-8787}" --public-url "$TUNNEL_URL" --events "${EVENTS:-asset.*}" \
    --forward-to "${APP_URL:-http://localhost:3000/webhooks}" \
    --until "${UNTIL:-asset.ready}" --timeout-after "${TIMEOUT:-10m}" \
    --ready-file "$ready" &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT   # on any failure: stop it (it deletes its webhook)
until [[ -s $ready ]]; do                 # ready: listening, and the webhook exists
    kill -0 "$listener" 2>/dev/null || { wait "$listener"; exit; }   # it failed to start
    sleep 0.2
done
${TRIGGER:-./scripts/upload-test-asset.sh}   # whatever makes Studio send the event
wait "$listener"                              # 0: arrived, verified, and taken by your app
