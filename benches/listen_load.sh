#!/usr/bin/env bash
# Load benchmark for `lpwh listen`: builds the binary the release archives ship (`--profile
# dist`), starts nginx (127.0.0.1 only) as a second ceiling when it is installed, and runs
# benches/listen_load.rs. Bounded in time: about
# 33 runs of SECS seconds plus 12 s of warm-up, the 1,000,000-delivery RSS run and a
# 100,000-delivery inbox size run (every command is wrapped in `timeout`).
# Usage: benches/listen_load.sh [SECS] [CONNS] [MILLION]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
CONNS=${2:-64}
MILLION=${3:-1000000}

cargo build --profile dist --bin lpwh
cargo bench --profile dist --no-run --bench listen_load

NGINX_ARGS=()
NGINX=${NGINX:-/usr/sbin/nginx}
if [ -x "$NGINX" ]; then
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$dir/logs"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  client_body_temp_path $dir/body;
  server {
    listen 127.0.0.1:$port;
    location / { return 200 '{}'; }
  }
}
CONF
  "$NGINX" -p "$dir" -c "$dir/nginx.conf"
  trap '"$NGINX" -p "$dir" -c "$dir/nginx.conf" -s stop || true; rm -rf "$dir"' EXIT
  NGINX_ARGS=(--nginx "127.0.0.1:$port")
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# lpwh vs the trivial hyper server (alternating), p99 at half max, RSS over MILLION deliveries.
timeout 1800 cargo bench --profile dist --bench listen_load -- --lpwh target/dist/lpwh --secs "$SECS" \
  --conns "$CONNS" --million "$MILLION" "${NGINX_ARGS[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Recording into the inbox (the default, into a temp --db) vs --no-record, and DB size.
timeout 1200 cargo bench --profile dist --bench listen_load -- --lpwh target/dist/lpwh --secs "$SECS" \
  --conns "$CONNS" --inbox
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
