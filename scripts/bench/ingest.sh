#!/usr/bin/env bash
# Ingest benchmark (SPEC §7, docs/benchmarks.md "Ingest"): 1,000,000 daily bars for 500 symbols through the bus
# ingest path in batches of 1,000 (new rows, then the same rows again, all unchanged), and psql \copy of the same
# rows into a same-shaped partitioned table as the physical reference. Prints the figures and the comparison.
# Usage: scripts/bench/ingest.sh [symbols=500] [days=2000] [batch=1000] [inflight=8]
# NDC_BENCH_KEEP_DB=1 keeps the benchmark database for a look with EXPLAIN.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
symbols=${1:-500}
days=${2:-2000}
batch=${3:-1000}
inflight=${4:-8}
rows=$((symbols * days))
pg_host=${NDC_BENCH_PG_HOST:-127.0.0.1}
db="ndc_bench_$(date +%s)"
work=$(mktemp -d)
psql_db() { psql -h "$pg_host" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() {
  if [ -z "${NDC_BENCH_KEEP_DB:-}" ]; then
    psql -h "$pg_host" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  else
    echo "kept database $db"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

bash scripts/services.sh >/dev/null
echo "building..."
mvn -q -pl verticles/storage -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
cp="verticles/storage/target/classes:verticles/storage/target/test-classes:$(cat "$work/cp.txt")"

echo "bus ingest: $rows bars, $symbols symbols, batches of $batch, $inflight in flight"
# the storage service runs with the JVM options of scripts/ndc (the collector of G1 cost about 15 % here)
java $(cat scripts/jvm.options) -cp "$cp" io.ndc.storage.bench.IngestBench "$db" "$symbols" "$days" "$batch" "$inflight" "$work/bars.csv" \
  | tee "$work/bench.out" | grep -E '^RESULT'

echo "psql \\copy of the same rows into a same-shaped partitioned table"
bash scripts/bench/copy-reference.sh "$db" "$work/bars.csv" | tee "$work/copy.out"
copy_rate=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' "$work/copy.out")

new_rate=$(grep 'phase=new' "$work/bench.out" | sed -E 's/.*rows_per_s=([0-9]+).*/\1/')
again_rate=$(grep 'phase=unchanged' "$work/bench.out" | sed -E 's/.*rows_per_s=([0-9]+).*/\1/')
p99=$(grep 'phase=new' "$work/bench.out" | sed -E 's/.*batch_p99_ms=([0-9.]+).*/\1/')
echo
echo "== comparison =="
awk -v n="$new_rate" -v a="$again_rate" -v c="$copy_rate" -v p="$p99" 'BEGIN {
  printf "bus ingest, new rows:   %8d rows/s (target >= 100000: %s), p99 batch commit %.1f ms\n", n, n >= 100000 ? "met" : "NOT met", p
  printf "bus ingest, unchanged:  %8d rows/s (target >= 150000: %s)\n", a, a >= 150000 ? "met" : "NOT met"
  printf "psql \\copy reference:   %8d rows/s\n", c
  printf "ingest / copy:          %7.0f %% (target >= 50%%: %s)\n", 100 * n / c, n >= c / 2 ? "met" : "NOT met"
}'
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2 " GB RAM"}'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u)"
