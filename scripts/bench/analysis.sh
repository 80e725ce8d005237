#!/usr/bin/env bash
# Analysis benchmarks (issue #10, docs/benchmarks.md "Analysis"), each against its reference in the same run:
#  1. 20 indicators over 1,000,000 bars: NDC vs TA-Lib's Java port in the same JVM (IndicatorBench); target: median
#     ratio <= 1.2, same values.
#  2. GET /analysis/technical of 10 indicators over 10 years of daily bars, warm, sequential: p99 < 20 ms; reference
#     GET /stocks/{symbol}/prices of the same range through the same node.
#  3. POST /analysis/screen close > sma(close,200) over 2,000 symbols x 500 daily bars: warm <= 0.25 of the best SQL
#     (LATERAL top-200 per symbol on the primary key, same rows and server), cold reported, match sets identical.
#  4. Live: 2,000 symbols of 1m bars at 5,000 bar updates/s (a cluster member publishing), 3 indicators each, to
#     WebSocket clients in another JVM: bar update to indicator frame p99 < 20 ms; reference bars.1m frames of the
#     same updates.
# One node (gateway, auth, storage, analysis; clustered on 5871, the publisher on 5872) on a fresh database.
# Run on a quiet machine: flock -x /tmp/ndc-quiet.lock bash scripts/bench/analysis.sh
# Env: PARTS (which to run: "indicators technical screen live"), SYMBOLS (2000), BARS (500), LIVE_SYMBOLS (2000), RATE (5000), LIVE_SECONDS (20), REQUESTS (2000),
# NDC_JAVA_OPTS (the node's, default scripts/jvm.options). Needs the services (scripts/services.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
symbols=${SYMBOLS:-2000}
bars=${BARS:-500}
live_symbols=${LIVE_SYMBOLS:-2000}
rate=${RATE:-5000}
live_seconds=${LIVE_SECONDS:-20}
requests=${REQUESTS:-2000}
parts=${PARTS:-indicators technical screen live}
want() { [[ " $parts " == *" $1 "* ]]; }
password="bench-admin-password"
members="127.0.0.1:5871,127.0.0.1:5872"
bash scripts/services.sh >/dev/null
work=$(mktemp -d)
db="ndc_anbench_$$"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && { kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building..."
mvn -B -q -pl cluster -am package -DskipTests
# the analysis module is the last of its reactor, so its test classpath (with TA-Lib) is what stays in the file
mvn -B -q -pl verticles/analysis -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
  -Dmdep.includeScope=test
analysis_cp="verticles/analysis/target/classes:verticles/analysis/target/test-classes:$(cat "$work/cp.txt")"
cp="cluster/target/ndc.jar:cluster/target/test-classes"

echo "== analysis $(date -u +%FT%TZ): $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(java -version 2>&1 | head -1)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"

if want indicators; then
  echo "-- 1. indicators vs TA-Lib"
  java $(cat scripts/jvm.options) -cp "$analysis_cp" io.ndc.analysis.indicators.IndicatorBench 1000000 5 15
fi
want technical || want screen || want live || exit 0

NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_ADMIN_PASSWORD="$password" NDC__redis_prefix="$db:" \
NDC_CONF_DIR="$root/conf" NDC__gateway__rate_limit__enabled=false NDC__node__id=bench \
  java ${NDC_JAVA_OPTS:-$(cat scripts/jvm.options)} -jar cluster/target/ndc.jar --cluster --cluster-port 5871 \
  --cluster-members "$members" --services gateway,auth,storage,analysis --http-port 0 --bridge-port 0 \
  >"$work/node.out" 2>"$work/node.err" &
node=$!
pids+=("$node")
for _ in $(seq 1 600); do grep -q "NDC ready" "$work/node.out" && break; sleep 0.2; done
port=$(grep -o "NDC ready.*http=[0-9]*" "$work/node.out" | grep -o "[0-9]*$" || true)
[ -n "$port" ] || { echo "the node did not start:"; tail -30 "$work/node.err"; exit 1; }
url="http://127.0.0.1:$port"
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"admin@ndc.local\",\"password\":\"$password\"}" \
  "$url/api/v1/auth/login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["access_token"])')
last=$(python3 -c 'import datetime as d;t=d.date.today()-d.timedelta(days=1)
while t.weekday()>4: t-=d.timedelta(days=1)
print(t)')
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }

java -Xmx1g -cp "$cp" io.ndc.node.AnalysisBench seed "$url" "$token" "$symbols" "$bars" "$last" "$live_symbols"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if want technical; then
  echo "-- 2. technical"
  java -Xmx256m -cp "$cp" io.ndc.node.AnalysisBench technical "$url" "$token" "$requests"
fi
if want screen; then
  echo "-- 3. screen"
  java -Xmx512m -cp "$cp" io.ndc.node.AnalysisBench screen "$url" "$token" "$symbols" "$last" \
    "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
want live || channels=""
for channel in ${channels-indicators.1m bars.1m}; do
  echo "-- 4. live $channel"
  rm -f "$work/t0"
  java -Xmx512m -cp "$cp" io.ndc.node.AnalysisBench publish "$members" 5872 "$live_symbols" "$rate" "$live_seconds" "$work/t0" \
    >"$work/publisher.out" 2>"$work/publisher.err" &
  publisher=$!
  pids+=("$publisher")
  for _ in $(seq 1 300); do grep -q "publisher joined" "$work/publisher.out" && break; sleep 0.2; done
  grep -q "publisher joined" "$work/publisher.out" || { echo "the publisher did not join:"; tail -20 "$work/publisher.err"; exit 1; }
  c0=$(cpu_s "$node"); t0=$(date +%s.%N)
  java -Xmx1g -cp "$cp" io.ndc.node.AnalysisBench live "ws://127.0.0.1:$port/ws/v1/stream" "$token" "$live_symbols" 4 \
    "$channel" "$rate" "$live_seconds" "$work/t0"
  c1=$(cpu_s "$node"); t1=$(date +%s.%N)
  echo "  node CPU over subscribe + window: $(python3 -c "print(round(($c1-$c0)/($t1-$t0),2))") cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  wait "$publisher" || true
done
[ -n "${KEEP_NODE_LOG:-}" ] && cp "$work/node.out" "$KEEP_NODE_LOG"
if grep -q "Pause" "$work/node.out"; then
  echo "node GC pauses (-Xlog:gc): $(grep -c Pause "$work/node.out"), longest $(grep -o '[0-9.]*ms$' "$work/node.out" | sort -n | tail -1)"
fi
warnings=$(grep -c " WARN " "$work/node.out" "$work/node.err" 2>/dev/null | awk -F: '{s+=$2} END{print s+0}')
echo "node log: $warnings WARN lines"
