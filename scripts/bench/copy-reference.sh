#!/usr/bin/env bash
# The physical reference of the ingest benchmarks: psql \copy of CSV rows (market.bars column order) into a table
# shaped like market.bars (same columns, primary key, list partition per interval, yearly range partitions of
# daily bars) in schema copyref of DATABASE. Prints "RESULT phase=copy rows=N seconds=S rows_per_s=R".
# Usage: scripts/bench/copy-reference.sh DATABASE CSV_FILE
set -euo pipefail
db=$1
csv=$2
pg_host=${NDC_BENCH_PG_HOST:-127.0.0.1}
psql_db() { psql -h "$pg_host" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
years=$(cut -d, -f3 "$csv" | cut -c1-4 | sort -u)
psql_db <<SQL
CREATE SCHEMA copyref;
CREATE TABLE copyref.bars (LIKE market.bars INCLUDING DEFAULTS, PRIMARY KEY (symbol, interval, ts)) PARTITION BY LIST (interval);
CREATE TABLE copyref.bars_daily PARTITION OF copyref.bars FOR VALUES IN ('daily') PARTITION BY RANGE (ts);
SQL
for y in $years; do
  psql_db -c "CREATE TABLE copyref.bars_daily_y$y PARTITION OF copyref.bars_daily FOR VALUES FROM ('$y-01-01 00:00:00+00') TO ('$((y + 1))-01-01 00:00:00+00')"
done
start=$(date +%s.%N)
psql_db -c "\\copy copyref.bars (symbol, interval, ts, open, high, low, close, volume, adj_close, source, version, batch_id, recorded_at) FROM '$csv' WITH (FORMAT csv)"
end=$(date +%s.%N)
copied=$(psql_db -c "SELECT count(*) FROM copyref.bars")
echo "RESULT phase=copy rows=$copied seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') rows_per_s=$(awk -v r="$copied" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", r / (e - s) }')"
