#!/usr/bin/env bash
# REST benchmark: an authenticated cached read through the full gateway (JWT check, Redis rate limit, bus hop, storage
# service, Redis cache) against a bare Vert.x server returning the same JSON, both with wrk at 64 connections; then
# NDC alone at constant rates, 5,000 req/s and 2,000 req/s by default (PacedLoad.java, latency from the scheduled
# send time).
# Endpoint: GET /api/v1/stocks/AAPL (a seeded instrument with latest_price) as the bootstrap admin. Needs PostgreSQL
# and Redis (scripts/services.sh) and wrk.
# Env: NDC_JAVA_OPTS (JVM options of the node, default scripts/jvm.options as scripts/ndc), DURATION (default 20s), CONNECTIONS (64), RATES (constant rates to run, default "5000 2000"), PACED_SECONDS (20).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${DURATION:-20s}
connections=${CONNECTIONS:-64}
rates=${RATES:-5000 2000}
paced_seconds=${PACED_SECONDS:-20}
jar="$root/cluster/target/ndc.jar"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ ! -f "$jar" ]; then (cd "$root" && mvn -B -q -DskipTests package); fi

work=$(mktemp -d)
db="ndc_restbench_$$"
ndc_port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
bare_port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
password="bench-admin-password"
cat > "$work/bench.json" <<JSON
{
  "auth": { "admin": { "email": "admin@ndc.local", "password": "$password" } },
  "security": { "secret_key": "benchmark secret key" },
  "gateway": { "ready_services": ["gateway", "auth", "storage"],
               "rate_limit": { "roles": { "admin": { "capacity": 100000000, "per_second": 100000000 } } } },
  "node": { "data_dir": "$work" },
  "redis_prefix": "$db:"
}
JSON
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_CONF_DIR="$root/conf" \
  java ${NDC_JAVA_OPTS:-$(cat "$root/scripts/jvm.options")} -jar "$jar" --services gateway,auth,storage --http-port "$ndc_port" --bridge-port 0 --conf "$work/bench.json" \
  >"$work/ndc.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q "NDC ready" "$work/ndc.log" && break; sleep 0.5; done
grep -q "NDC ready" "$work/ndc.log" || { echo "NDC did not start:"; tail -30 "$work/ndc.log"; exit 1; }

token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@ndc.local\",\"password\":\"$password\"}" "http://127.0.0.1:$ndc_port/api/v1/auth/login" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["access_token"])')
url="http://127.0.0.1:$ndc_port/api/v1/stocks/AAPL"
curl -s -H "Authorization: Bearer $token" "$url" > "$work/body.json"
java -cp "$jar" "$root/scripts/bench/BareServer.java" "$bare_port" "$work/body.json" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q listening "$work/bare.log" && break; sleep 0.5; done

run_wrk() { # name url
  wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$2" > "$work/$1.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$1.txt")
  printf '%-5s %10s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${non2xx:-0}"
}

echo "warming up (JIT) ..."
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $token" "$url" >/dev/null
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$bare_port/" >/dev/null

echo "== REST $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), wrk -t2 -c$connections -d$duration"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"
echo "endpoint: GET /api/v1/stocks/AAPL (JWT check + Redis token bucket leases + bus hop + storage service + near cache / Redis cache)"
run_wrk ndc "$url"
run_wrk bare "http://127.0.0.1:$bare_port/"
for rate in $rates; do
  java -cp "$jar" "$root/scripts/bench/PacedLoad.java" "$url" "$token" "$rate" "$paced_seconds" "$connections"
done
