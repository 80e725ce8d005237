#!/usr/bin/env bash
# Live path benchmark (docs/benchmarks.md, section "Live"): the simulated feed at 5,000, 20,000 and 50,000 trades/s
# over 1,000 symbols, published on the bus to a subscriber per symbol, aggregated into 1m bars and written in batches
# to a stand-in on storage's ingest addresses, on one node. Usage: scripts/bench/live.sh [seconds per rate] [rates...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
shift || true
rates=${*:-5000 20000 50000}
cd "$root"
mvn -B -q -pl verticles/collector -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/collector-bench.classpath -Dmdep.includeScope=test >/dev/null
cp="verticles/collector/target/test-classes:verticles/collector/target/classes:$(cat verticles/collector/target/collector-bench.classpath)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
for rate in $rates; do
  java -Xmx1g -cp "$cp" -Dlogback.configurationFile=/dev/null io.ndc.collector.live.LiveBench "$rate" 1000 "$seconds" 2>/dev/null | grep '^rate='
done
