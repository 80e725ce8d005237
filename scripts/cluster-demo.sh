#!/usr/bin/env bash
# Three NDC nodes on this machine joined by Hazelcast over loopback, each hosting different services:
#   node-a: gateway (HTTP on 8080, TCP bridge on 7000)
#   node-b: auth, storage, collector
#   node-c: analysis, notification
# Ctrl-C (or SIGTERM) drains all three. Logs go to run/cluster-demo/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/services.sh
[ -f cluster/target/ndc.jar ] || mvn -B -q -DskipTests package
logs="$root/run/cluster-demo"
mkdir -p "$logs"
members="127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703"
pids=()
stop() {
  echo "[cluster-demo] draining nodes"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait
}
trap stop INT TERM

start_node() { # name port services extra...
  local name=$1 port=$2 services=$3; shift 3
  NDC__node__id="$name" scripts/ndc --cluster --cluster-port "$port" --cluster-members "$members" \
    --services "$services" "$@" >"$logs/$name.out" 2>"$logs/$name.err" &
  pids+=("$!")
}
wait_ready() {
  local i; for ((i = 0; i < 600; i++)); do grep -q "NDC ready" "$logs/$1.out" 2>/dev/null && { grep "NDC ready" "$logs/$1.out" | sed "s/^/[$1] /"; return 0; }; sleep 0.1; done
  echo "[$1] did not become ready; see $logs/$1.err"; tail -5 "$logs/$1.err"; return 1
}

start_node node-b 5702 auth,storage,collector "$@"
start_node node-c 5703 analysis,notification "$@"
wait_ready node-b && wait_ready node-c
start_node node-a 5701 gateway --http-port "${NDC_HTTP_PORT:-8080}" "$@"
wait_ready node-a
cat <<MSG
[cluster-demo] three JVMs, one event bus. Try:
  curl -s localhost:${NDC_HTTP_PORT:-8080}/ready
  curl -s localhost:${NDC_HTTP_PORT:-8080}/api/v1/system/services/storage/node   (answered by node-b)
  kill -9 \$(pgrep -f 'services analysis') and watch /ready name what is gone
Logs: $logs   Ctrl-C drains all nodes.
MSG
wait
