#!/usr/bin/env bash
# WebSocket fan-out benchmark: 1,000 clients each subscribed to 20 of 500 symbols; trades published on the bus at
# 2,500/s (100,000 messages/s to deliver), then raised. NDC (gateway node, trades arriving over the clustered bus
# from the load JVM) against a bare Vert.x broadcaster pushing the same frames to the same clients.
# Prints delivered msg/s, frames/s, latency p50/p99 and node CPU per rate. Needs the services (scripts/services.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash scripts/services.sh >/dev/null
[ -f cluster/target/ndc.jar ] && [ -d cluster/target/test-classes ] || mvn -B -q -DskipTests package -pl cluster -am
CLIENTS=${CLIENTS:-1000} PER=${PER:-20} SYMBOLS=${SYMBOLS:-500} SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
RATES=${RATES:-"2500 5000 10000 20000"}
work=$(mktemp -d); db="ndc_bench_ws_$$"; pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && { kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done
  psql -h 127.0.0.1 -U postgres -qAtc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
cp="cluster/target/ndc.jar:cluster/target/test-classes"
members="127.0.0.1:5861,127.0.0.1:5862,127.0.0.1:5863"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $CLIENTS clients x $PER of $SYMBOLS symbols, ${SECONDS_PER_RATE}s per rate, rates: $RATES"

NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" NDC_ADMIN_PASSWORD=bench-admin-pw NDC_CONF_DIR="$root/conf" \
NDC__stream__max_connections_per_user=$((CLIENTS + 10)) NDC__gateway__rate_limit__enabled=false \
  java $(cat scripts/jvm.options) -jar cluster/target/ndc.jar --cluster --cluster-port 5861 --cluster-members "$members" \
  --services gateway,auth --http-port 0 --bridge-port 0 >"$work/node.out" 2>"$work/node.err" &
node=$!; pids+=("$node")
for _ in $(seq 1 600); do grep -q "NDC ready" "$work/node.out" && break; sleep 0.1; done
port=$(grep -o "http=[0-9]*" "$work/node.out" | cut -d= -f2 || true)
[ -n "$port" ] || { cat "$work/node.err"; exit 1; }
token=$(curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@ndc.local","password":"bench-admin-pw"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["data"]["access_token"])')
# trades come from a member of their own, as from a collector on another node; the clients JVM only sets the rate
java -Xmx512m -cp "$cp" io.ndc.node.WsFanoutBench publisher "$members" 5863 "$SYMBOLS" >"$work/publisher.out" 2>"$work/publisher.err" &
pids+=("$!")
for _ in $(seq 1 600); do grep -q "publisher ready" "$work/publisher.out" && break; sleep 0.1; done
c0=$(cpu_s $node); t0=$(date +%s)
java -Xmx1g -cp "$cp" io.ndc.node.WsFanoutBench run "ws://127.0.0.1:$port/ws/v1/stream" "$token" "$CLIENTS" "$PER" "$SYMBOLS" \
  "$SECONDS_PER_RATE" "$members" 5862 $RATES 2>"$work/ndc-client.err" || { tail -20 "$work/ndc-client.err"; tail -20 "$work/node.err"; exit 1; }
c1=$(cpu_s $node); t1=$(date +%s)
echo "  NDC node CPU over the run: $(python3 -c "print(round(($c1-$c0)/($t1-$t0),2))") cores (of $(nproc));" \
  "conflated trades: $(curl -s "localhost:$port/metrics" | awk '/^ndc_ws_conflated_total/{s+=$2} END{print s+0}') per slow client," \
  "$(curl -s "localhost:$port/metrics" | awk '/^ndc_ws_node_conflated_total/{s+=$2} END{print s+0}') with the node behind," \
  "closed slow: $(curl -s "localhost:$port/metrics" | awk '/^ndc_ws_closed_slow_total/{s+=$2} END{print s+0}')"
kill -TERM $node; wait $node 2>/dev/null || true

java -Xmx512m -cp "$cp" io.ndc.node.WsFanoutBench bare 18999 "$SYMBOLS" >"$work/bare.out" 2>&1 &
bare=$!; pids+=("$bare")
for _ in $(seq 1 100); do grep -q "bare broadcaster" "$work/bare.out" && break; sleep 0.1; done
c0=$(cpu_s $bare); t0=$(date +%s)
java -Xmx1g -cp "$cp" io.ndc.node.WsFanoutBench runbare "ws://127.0.0.1:18999/" "$CLIENTS" "$PER" "$SYMBOLS" "$SECONDS_PER_RATE" \
  $RATES 2>"$work/bare-client.err"
c1=$(cpu_s $bare); t1=$(date +%s)
echo "  bare broadcaster CPU over the run: $(python3 -c "print(round(($c1-$c0)/($t1-$t0),2))") cores"
