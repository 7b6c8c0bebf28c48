#!/usr/bin/env bash
# End to end with real Studio: lpwh listen creates a temporary webhook for your tunnel URL,
# forwards verified deliveries to your app, and exits 0 once asset.ready arrives (1 on timeout).
# Needs LIVEPEER_API_KEY and TUNNEL_URL (e.g. from `cloudflared tunnel --url http://localhost:8787`).
set -euo pipefail
: "${TUNNEL_URL:?set TUNNEL_URL to the public URL of a tunnel to localhost:8787}"
lpwh listen --port 8787 --public-url "$TUNNEL_URL" --events 'asset.*' \
    --forward-to http://localhost:3000/webhooks \
    --until asset.ready --timeout-after 10m &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT   # on any failure: stop it (it deletes its webhook)
until curl -s -o /dev/null http://localhost:8787/; do sleep 0.2; done   # listening
./scripts/upload-test-asset.sh          # whatever makes Studio send the event
wait "$listener"                         # 0: asset.ready arrived, verified; 1: timed out
