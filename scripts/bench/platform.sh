#!/usr/bin/env bash
# Platform benchmark: node start to "NDC ready" (all-in-one, warm build), second cluster node join time,
# request-reply latency over the clustered bus at 1,000 and 5,000 req/s, idle RSS of the all-in-one node.
# Prints each figure beside its target. Needs PostgreSQL, Redis and RabbitMQ (scripts/services.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash scripts/services.sh >/dev/null
[ -f cluster/target/ndc.jar ] && [ -d cluster/target/test-classes ] || mvn -B -q -DskipTests package test-compile -pl cluster -am
work=$(mktemp -d)
db="ndc_bench_$$"
export NDC_PG_URL="postgresql://postgres@127.0.0.1:5432/$db"
export NDC_CONF_DIR="$root/conf"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && { kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done
  psql -h 127.0.0.1 -U postgres -qAtc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
read -r -a JAVA_OPTS < scripts/jvm.options  # what scripts/ndc runs with

wait_ready() { # file timeout_s
  local i; for ((i = 0; i < $2 * 20; i++)); do grep -q "NDC ready" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1
}
ms() { date +%s%3N; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. start to ready, all-in-one (first run creates the database and migrates: reported separately)
for run in 1 2 3 4; do
  t0=$(ms)
  java "${JAVA_OPTS[@]}" -jar cluster/target/ndc.jar --http-port 0 --bridge-port 0 >"$work/aio.out" 2>"$work/aio.err" &
  pid=$!; pids+=("$pid")
  wait_ready "$work/aio.out" 60 || { cat "$work/aio.err"; exit 1; }
  t=$(( $(ms) - t0 ))
  if [ "$run" = 1 ]; then echo "start to ready, first start (creates database, migrates): $t ms"; else starts+=("$t"); fi
  if [ "$run" = 4 ]; then
    sleep 10
    rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
    echo "idle RSS all-in-one (10 s after ready): $((rss / 1024)) MB   target < 400 MB"
  fi
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')
echo "start to ready, warm (3 runs, ms): $sorted  median $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p) ms   target < 5000 ms"

# 2. cluster: B with the back-end services, then A (gateway) joins
members="127.0.0.1:5851,127.0.0.1:5852,127.0.0.1:5853"
java "${JAVA_OPTS[@]}" -jar cluster/target/ndc.jar --cluster --cluster-port 5852 --cluster-members "$members" \
  --services auth,collector,storage,analysis,notification >"$work/b.out" 2>"$work/b.err" &
pids+=("$!")
wait_ready "$work/b.out" 90 || { cat "$work/b.err"; exit 1; }
t0=$(ms)
java "${JAVA_OPTS[@]}" -jar cluster/target/ndc.jar --cluster --cluster-port 5851 --cluster-members "$members" \
  --services gateway --http-port 0 --bridge-port 0 >"$work/a.out" 2>"$work/a.err" &
pids+=("$!")
wait_ready "$work/a.out" 90 || { cat "$work/a.err"; exit 1; }
echo "second node: $(grep -o 'joined cluster in [0-9]* ms' "$work/a.err")   target < 3000 ms;  start to ready: $(( $(ms) - t0 )) ms"

# 3. request-reply over the clustered bus from a member playing the gateway to the storage service on B; node A
#    has done its part (the join) and leaves, so two JVMs share the two cores as a gateway and a service node would
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
java -Xms512m -Xmx512m -XX:+UseSerialGC -cp "cluster/target/ndc.jar:cluster/target/test-classes" io.ndc.node.BusLatencyBench \
  "$members" 5853 1000 5000 15 2>"$work/bench.err" | sed 's/$/   target p99 < 2 ms at 5000\/s/'

# 4. the reference: the same client against a bare clustered Vert.x member answering the same address
kill -TERM "${pids[-2]}" 2>/dev/null; wait "${pids[-2]}" 2>/dev/null || true
echo_members="127.0.0.1:5891,127.0.0.1:5892"
java "${JAVA_OPTS[@]}" -cp "cluster/target/ndc.jar:cluster/target/test-classes" io.ndc.node.BusLatencyBench echo \
  "$echo_members" 5892 >"$work/echo.out" 2>"$work/echo.err" &
pids+=("$!")
for _ in $(seq 1 600); do grep -q "echo member ready" "$work/echo.out" && break; sleep 0.1; done
java -Xms512m -Xmx512m -XX:+UseSerialGC -cp "cluster/target/ndc.jar:cluster/target/test-classes" io.ndc.node.BusLatencyBench \
  "$echo_members" 5891 1000 5000 15 2>"$work/bench-ref.err" | sed 's/^bus/reference, bare Vert.x member:/'
