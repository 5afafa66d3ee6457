#!/usr/bin/env bash
# The 10,000-trial scale benchmark against a redis-server of its own (no persistence, a free port); run it alone.
# Usage: bench/cluster/scale.sh [-- --trials 10000 --silos 3 --slots 8 --epoch-ms 500]
set -euo pipefail
cd "$(dirname "$0")/../.."
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --daemonize yes --logfile "$dir/redis.log"
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
[ "${1:-}" = "--" ] && shift
dotnet run -c Release --project bench/cluster/ScaleBench -- --redis "127.0.0.1:$port" "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
