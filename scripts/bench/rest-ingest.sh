#!/usr/bin/env bash
# REST ingest benchmark (issue 17, docs/benchmarks.md "REST ingest"): the all-in-one node as scripts/ndc runs it,
# loaded as people load history: one symbol's DAYS daily bars per request, INFLIGHT requests in flight, SYMBOLS new
# symbols through POST /prices:batch (JSON), the same again (unchanged), then other new symbols through
# POST /prices:import (CSV), the same again. Reference in the same run: psql \copy of the JSON phase's rows into a
# same-shaped partitioned table on the same server. Target: each phase >= 0.5 of \copy.
# Usage: scripts/bench/rest-ingest.sh [symbols=200] [days=1000] [inflight=4] [warmup=60]
# warmup: requests of other symbols through each route, new and again, before the measured phases (JIT settling).
# Env: NDC_JAVA_OPTS (node JVM options, default scripts/jvm.options as scripts/ndc).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
symbols=${1:-200}
days=${2:-1000}
inflight=${3:-4}
warmup=${4:-60}
jar="$root/cluster/target/ndc.jar"
bash scripts/services.sh >/dev/null
if [ ! -f "$jar" ]; then mvn -B -q -DskipTests package; fi

work=$(mktemp -d)
db="ndc_restingest_$$"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
password="bench-admin-password"
cat > "$work/bench.json" <<JSON
{
  "auth": { "admin": { "email": "admin@ndc.local", "password": "$password" } },
  "security": { "secret_key": "benchmark secret key" },
  "gateway": { "rate_limit": { "roles": { "admin": { "capacity": 100000000, "per_second": 100000000 } } } },
  "collector": { "queue_prefix": "bench.$db" },
  "node": { "data_dir": "$work" },
  "redis_prefix": "$db:"
}
JSON
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_CONF_DIR="$root/conf" \
  java ${NDC_JAVA_OPTS:-$(cat "$root/scripts/jvm.options")} -jar "$jar" --http-port "$port" --bridge-port 0 --conf "$work/bench.json" \
  >"$work/ndc.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do grep -q "NDC ready" "$work/ndc.log" && break; sleep 0.5; done
grep -q "NDC ready" "$work/ndc.log" || { echo "NDC did not start:"; tail -30 "$work/ndc.log"; exit 1; }
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@ndc.local\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/auth/login" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["access_token"])')

echo "== REST ingest $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "node: --services all; $symbols symbols x $days daily bars per request, $inflight in flight, warm-up $warmup requests per route, new and again"
java -cp "$jar" scripts/bench/RestIngestLoad.java "http://127.0.0.1:$port" "$token" "$symbols" "$days" "$inflight" "$work/copy.csv" "$warmup" \
  | tee "$work/load.out" | grep -v '^RESULT phase=warmup'
echo "psql \\copy of the batch phase's rows into a same-shaped partitioned table"
bash scripts/bench/copy-reference.sh "$db" "$work/copy.csv" | tee "$work/copy.out"
copy_rate=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' "$work/copy.out")
echo
echo "== comparison with psql \\copy ($copy_rate rows/s) =="
for phase in batch_new batch_again import_new import_again; do
  grep "phase=$phase " "$work/load.out" | sed -E 's/.*rows_per_s=([0-9]+).*request_p50_ms=([0-9.]+) request_p99_ms=([0-9.]+) failures=([0-9]+).*/\1 \2 \3 \4/' \
    | awk -v p="$phase" -v c="$copy_rate" '{ printf "%-13s %8d rows/s = %.2f of \\copy (target >= 0.5: %s), request p50 %s ms p99 %s ms, failures %s\n", p, $1, $1 / c, $1 >= c / 2 ? "met" : "NOT met", $2, $3, $4 }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
