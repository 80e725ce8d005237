#!/usr/bin/env bash
# WebSocket fan-out on the path a user runs (issue 17 item 4, docs/benchmarks.md "WebSocket fan-out, live path"):
# one all-in-one node (scripts/ndc --services all, scripts/jvm.options) with a `simulated` source of 500 symbols at
# 1,250 trades/s and a live trades collector on it, both created through the REST API, so the trades go through the
# collector's pipeline (sequence numbers, 1m bars, batched writes to storage) and the stream fan-out of the same node;
# 1,000 WebSocket clients (io.ndc.node.WsFanoutBench in a JVM of its own) each subscribed to 20 of the 500 symbols,
# about 50,000 messages/s to deliver. In the same run, the reference: a bare Node.js `ws` broadcaster
# (scripts/bench/ws-bare/broadcaster.js) generating the same trade rate over the same symbols and pushing the same
# frames to the same clients. For each: a quiet window, then a busy one with a CPU burner on one core (graceful
# decline: trades conflated, no backlog growing; compare the window's p99 with its last second's).
# Prints delivered msg/s, latency p50/p99 (trade ts to client receipt), node CPU, clients' JVM CPU, load average.
# Usage: scripts/bench/ws-fanout-live.sh
# Env: CLIENTS (1000), PER (20), SYMBOLS (500), RATE (1250), WINDOW seconds (20), WARMUP seconds (20),
# BUSY (1: also the busy window), NDC_JAVA_OPTS (as scripts/ndc), WS_BARE_DIR (where ws is installed).
# Needs the services (scripts/services.sh), node and npm (installed from Debian when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
CLIENTS=${CLIENTS:-1000} PER=${PER:-20} SYMBOLS=${SYMBOLS:-500} RATE=${RATE:-1250} SECONDS_PER_WINDOW=${WINDOW:-20}
WARMUP=${WARMUP:-20} BUSY=${BUSY:-1}
password="bench-admin-password"
jar="$root/cluster/target/ndc.jar"
bash scripts/services.sh >/dev/null
if [ ! -f "$jar" ] || [ ! -f cluster/target/test-classes/io/ndc/node/WsFanoutBench.class ] \
  || [ -n "$(find verticles cluster/src -newer "$jar" -name '*.java' -print -quit)" ]; then
  mvn -B -q -pl cluster -am -DskipTests package
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# the reference's ws, at the version pinned in its lockfile, in a work dir outside the tree
bare_dir=${WS_BARE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ndc-bench/ws-bare}
mkdir -p "$bare_dir"
if ! cmp -s scripts/bench/ws-bare/package-lock.json "$bare_dir/package-lock.json" || [ ! -d "$bare_dir/node_modules/ws" ]; then
  cp scripts/bench/ws-bare/package.json scripts/bench/ws-bare/package-lock.json "$bare_dir/"
  (cd "$bare_dir" && npm ci --no-audit --no-fund --silent)
fi
cp scripts/bench/ws-bare/broadcaster.js "$bare_dir/"

work=$(mktemp -d)
pids=()
db=""
burner=""
cleanup() {
  [ -n "$burner" ] && kill "$burner" 2>/dev/null || true
  for p in "${pids[@]:-}"; do [ -n "$p" ] && { kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done
  [ -n "$db" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
hz=$(getconf CLK_TCK)
metric_sum() { curl -s "$url/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $2} END {print s + 0}'; }
# the node's stream meters, from one scrape saved in $work/metrics
scrape() { curl -s "$url/metrics" >"$work/metrics"; }
scraped() { awk -v m="$1" 'index($0, m) == 1 {s += $2} END {print s + 0}' "$work/metrics"; }

# clients: a JVM reading "measure LABEL" / "quit" from a fifo; $1 name, $2 URL, $3 token or -
start_clients() {
  mkfifo "$work/$1.ctl"
  java -Xmx1g -cp "cluster/target/ndc.jar:cluster/target/test-classes" io.ndc.node.WsFanoutBench live "$2" "$3" \
    "$CLIENTS" "$PER" SIM "$SYMBOLS" "$SECONDS_PER_WINDOW" "$RATE" <"$work/$1.ctl" >"$work/$1.out" 2>"$work/$1.err" &
  clients=$!
  pids+=("$clients")
  exec 3>"$work/$1.ctl"
  for _ in $(seq 1 1200); do grep -q "clients connected" "$work/$1.out" && return 0; kill -0 $clients 2>/dev/null || break; sleep 0.1; done
  echo "the clients did not connect:"; tail -20 "$work/$1.err"; exit 1
}

# one window: $1 name, $2 label, $3 server pid, $4 "ndc" for the node's stream meters
window() {
  local before after m0 m1 c0 c1 lines conflated0 node_conflated0 slow0
  lines=$(grep -c "^window" "$work/$1.out" || true)
  if [ "$4" = ndc ]; then
    # one scrape, then time for the node to settle: a scrape costs CPU (reported at the end), not measured here
    scrape
    conflated0=$(scraped ndc_ws_conflated_total); node_conflated0=$(scraped ndc_ws_node_conflated_total)
    slow0=$(scraped ndc_ws_closed_slow_total)
    sleep 2
  fi
  before=$(ticks "$3"); c0=$(ticks "$clients"); m0=$(machine_ticks); local load0; load0=$(cut -d' ' -f1 /proc/loadavg)
  echo "measure $2" >&3
  for _ in $(seq 1 $((SECONDS_PER_WINDOW * 20 + 200))); do
    [ "$(grep -c "^window" "$work/$1.out" || true)" -gt "$lines" ] && break; sleep 0.05
  done
  after=$(ticks "$3"); c1=$(ticks "$clients"); m1=$(machine_ticks)
  echo "  $(grep "^window" "$work/$1.out" | tail -1)"
  grep -A1 "^window" "$work/$1.out" | tail -1
  python3 - "$before" "$after" "$c0" "$c1" "$m0" "$m1" "$hz" "$SECONDS_PER_WINDOW" "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF'
import sys
b, a, c0, c1, m0, m1, hz, secs, load0, load1 = sys.argv[1:]
mb, mt = map(int, m0.split()); ma, mu = map(int, m1.split())
print(f"    server CPU {(float(a) - float(b)) / int(hz) / int(secs):.2f} cores, clients' JVM "
      f"{(float(c1) - float(c0)) / int(hz) / int(secs):.2f} cores, machine busy {100 * (ma - mb) / max(1, mu - mt):.0f} %,"
      f" load average {load0} at the start, {load1} at the end")
EOF
  if [ "$4" = ndc ]; then
    scrape
    echo "    NDC stream: $(python3 -c "print(int($(scraped ndc_ws_node_conflated_total) - $node_conflated0))") trades conflated" \
      "while the node was behind, $(python3 -c "print(int($(scraped ndc_ws_conflated_total) - $conflated0))") for slow clients," \
      "$(python3 -c "print(int($(scraped ndc_ws_closed_slow_total) - $slow0))") clients closed slow," \
      "stream event loop lag max $(python3 -c "print(round(1000 * $(scraped ndc_ws_event_loop_lag_seconds_max)))") ms (decaying max)"
  fi
}

# both windows of one server; $1 name, $2 server pid, $3 "ndc" or "bare"
windows() {
  window "$1" quiet "$2" "$3"
  if [ "$BUSY" = 1 ]; then
    sh -c 'while :; do :; done' &
    burner=$!
    sleep 5
    window "$1" "busy (a CPU burner on one core)" "$2" "$3"
    kill "$burner"; wait "$burner" 2>/dev/null || true; burner=""
  fi
  echo quit >&3
  exec 3>&-
}

echo "== ws fan-out, live path, $(date -u +%FT%TZ): $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB," \
  "$(java -version 2>&1 | head -1), node $(node --version), ws $(node -p "require('$bare_dir/node_modules/ws/package.json').version")"
echo "== $CLIENTS clients x $PER of $SYMBOLS symbols, $RATE trades/s; warm-up ${WARMUP}s, windows of ${SECONDS_PER_WINDOW}s;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

db="ndc_bench_wslive_$$"
NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_ADMIN_PASSWORD="$password" NDC__redis_prefix="$db:" \
NDC__stream__max_connections_per_user=$((CLIENTS + 10)) NDC__gateway__rate_limit__enabled=false \
  scripts/ndc --services all --http-port 0 --bridge-port 0 >"$work/node.log" 2>&1 &
node_pid=$!
pids+=("$node_pid")
for _ in $(seq 1 900); do grep -q "NDC ready" "$work/node.log" && break; kill -0 $node_pid 2>/dev/null || break; sleep 0.2; done
port=$(grep -o "NDC ready.*http=[0-9]*" "$work/node.log" | grep -o "[0-9]*$" || true)
[ -n "$port" ] || { echo "the node did not start:"; tail -30 "$work/node.log"; exit 1; }
url="http://127.0.0.1:$port"
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"admin@ndc.local\",\"password\":\"$password\"}" \
  "$url/api/v1/auth/login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["access_token"])')
api() { # method path json
  curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "$url/api/v1$2" >/dev/null \
    || { echo "$1 $2 failed" >&2; tail -20 "$work/node.log" >&2; exit 1; }
}
api POST /sources "{\"id\":\"sim\",\"type\":\"simulated\",\"prefix\":\"SIM\",\"count\":$SYMBOLS,\"trades_per_second\":$RATE,\"seed\":42}"
api POST /collectors '{"source":"sim","dataset":"trades","live":true,"symbols":["*"]}'
for _ in $(seq 1 100); do [ "$(metric_sum ndc_collector_live_rows_total)" != 0 ] && break; sleep 0.2; done
[ "$(metric_sum ndc_collector_live_rows_total)" != 0 ] || { echo "the live feed did not start:"; tail -30 "$work/node.log"; exit 1; }
start_clients ndc "ws://127.0.0.1:$port/ws/v1/stream" "$token"
sleep "$WARMUP"
echo "NDC node (--services all, live simulated collector):"
windows ndc "$node_pid" ndc
echo "    a /metrics scrape: $(curl -s -o /dev/null -w '%{size_download} bytes in %{time_total} s' "$url/metrics")"
rows=$(metric_sum ndc_collector_live_rows_total)
backlog=$(curl -s "$url/metrics" | awk '/^ndc_collector_live_write_backlog\{.*trades/ {print $2}')
echo "    collector: $rows trades handed to the storage writer, write backlog at the end ${backlog:-?} rows;" \
  "node log WARN lines: $(grep -c " WARN " "$work/node.log" || true)"
[ -n "${KEEP_NODE_LOG:-}" ] && cp "$work/node.log" "$KEEP_NODE_LOG"
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
kill -9 "$clients" 2>/dev/null || true; wait "$clients" 2>/dev/null || true
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
db=""

bare_port=18998
node "$bare_dir/broadcaster.js" "$bare_port" SIM "$SYMBOLS" "$RATE" >"$work/bare.log" 2>&1 &
bare_pid=$!
pids+=("$bare_pid")
for _ in $(seq 1 100); do grep -q "bare ws broadcaster" "$work/bare.log" && break; sleep 0.1; done
start_clients bare "ws://127.0.0.1:$bare_port/" -
sleep "$WARMUP"
echo "bare Node.js ws broadcaster (the reference):"
windows bare "$bare_pid" bare
