#!/usr/bin/env bash
# Live path benchmark (issue #5, docs/benchmarks.md "Live"): the all-in-one node (scripts/ndc, real storage service,
# PostgreSQL) with a `simulated` source of 1,000 symbols and a live trades collector on it, both created through the
# REST API; the feed's trades go over the bus, into 1m bars and in batches to storage. For each rate a fresh node
# and a fresh database; after a warm-up, one window measured by live_window.py: trades/s generated and committed,
# the collector's write backlog at the window's start and end, trade-to-row lag p50/p99 (trade ts to storage's
# reply after the commit, from ndc_collector_live_store_lag_seconds), CPU of the node, of its PostgreSQL backends
# and of the machine. Target: 50,000 trades/s sustained with p99 lag < 1 s.
# Usage: scripts/bench/live.sh [seconds per window=20] [rates...=5000 20000 50000]
# Env: WARMUP seconds before the window (15; longer, up to WARMUP_MAX=60, while the start's backlog drains), SERVICES
# (all), SYMBOLS (1000), NDC_JAVA_OPTS (as scripts/ndc), NDC__collector__live__* (the live writer's settings).
# Needs the services (scripts/services.sh) and psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
shift || true
rates=${*:-5000 20000 50000}
warmup=${WARMUP:-15}
warmup_max=${WARMUP_MAX:-60}
max_batch=${NDC__collector__live__max_batch_size:-10000}
services=${SERVICES:-all}
symbols=${SYMBOLS:-1000}
password="bench-admin-password"
jar="$root/cluster/target/ndc.jar"
cd "$root"
bash scripts/services.sh >/dev/null
# the jar must carry the collector's live metrics: rebuild it when a source is newer
if [ ! -f "$jar" ] || [ -n "$(find verticles cluster/src -newer "$jar" -name '*.java' -print -quit)" ]; then
  mvn -B -q -pl cluster -am -DskipTests package
fi

work=$(mktemp -d)
node=""
db=""
stop_node() {
  if [ -n "$node" ]; then kill "$node" 2>/dev/null || true; wait "$node" 2>/dev/null || true; node=""; fi
  if [ -n "$db" ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; db=""; fi
}
trap 'stop_node; rm -rf "$work"' EXIT

api() { # method path [json]
  curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"} "$url/api/v1$2" \
    || { echo "$1 $2 failed" >&2; tail -20 "$work/node.log" >&2; exit 1; }
}
metric() { # name: its value for the trades writer, nothing before the feed's first trade
  curl -s "$url/metrics" | awk -v m="$1{" 'index($0, m) == 1 && /address="ndc.storage.trades.ingest"/ {print $2}'
}

echo "== live path $(date -u +%FT%TZ): $(nproc) cores $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')," \
  "$(java -version 2>&1 | head -1); services=$services, $symbols symbols, warm-up ${warmup}s, window ${seconds}s"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"
for rate in $rates; do
  db="ndc_livebench_$$_$rate"
  NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_ADMIN_PASSWORD="$password" NDC__redis_prefix="$db:" \
    scripts/ndc --services "$services" --http-port 0 --bridge-port 0 >"$work/node.log" 2>&1 &
  node=$!
  for _ in $(seq 1 600); do grep -q "NDC ready" "$work/node.log" && break; sleep 0.2; done
  port=$(grep -o "NDC ready.*http=[0-9]*" "$work/node.log" | grep -o "[0-9]*$" || true)
  [ -n "$port" ] || { echo "the node did not start:"; tail -30 "$work/node.log"; exit 1; }
  url="http://127.0.0.1:$port"
  token=$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@ndc.local\",\"password\":\"$password\"}" "$url/api/v1/auth/login" \
    | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["access_token"])')
  api POST /sources "{\"id\":\"sim\",\"type\":\"simulated\",\"prefix\":\"SIM\",\"count\":$symbols,\"trades_per_second\":$rate,\"seed\":42}" >/dev/null
  api POST /collectors '{"source":"sim","dataset":"trades","live":true,"symbols":["*"]}' >/dev/null
  for _ in $(seq 1 100); do [ -n "$(metric ndc_collector_live_rows_total)" ] && break; sleep 0.2; done
  [ -n "$(metric ndc_collector_live_rows_total)" ] || { echo "the live feed did not start:"; tail -30 "$work/node.log"; exit 1; }
  # warm-up: at least $warmup s, then until the backlog the start left (JIT, the first batches creating the symbols'
  # instruments) is within a batch, for at most $warmup_max s: the window measures the steady state
  sleep "$warmup"
  waited=$warmup
  while [ "$waited" -lt "$warmup_max" ] && [ "$(metric ndc_collector_live_write_backlog | cut -d. -f1)" -gt "$max_batch" ]; do
    sleep 1
    waited=$((waited + 1))
  done
  python3 scripts/bench/live_window.py "$url" "$node" "$db" "$rate" "$seconds" "$max_batch"
  echo "  warm-up ${waited}s"
  # e.g. storage's cache invalidation timing out under load shows here, not in the figures
  warnings=$(grep -c " WARN " "$work/node.log" || true)
  if [ "$warnings" -gt 0 ]; then
    echo "  node log: $warnings WARN lines, most frequent: $(grep " WARN " "$work/node.log" | sed -E 's/^[^ ]+ WARN +\[[^]]*\] //' \
      | cut -c1-110 | sort | uniq -c | sort -rn | head -1 | sed "s/^ *//")"
  fi
  stop_node
done
