package io.ndc.storage.ingest;

import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.partition.Partitions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a batch of validated bars with version accounting in one set-based statement: rows identical to the
 * stored ones are left alone (unchanged), new keys are inserted (accepted, version 1), different values replace
 * the stored row with version + 1 (revised) while the trigger {@code bars_archive} keeps the replaced row in
 * {@code bar_versions}. Rows are written in key order so concurrent batches lock shared rows in the same order.
 */
public final class BarWriter {
  /**
   * Per interval (its id is inlined so the planner prunes the list level). Each input row's stored values are
   * looked up by a LATERAL primary-key probe bounded by the batch's time range, so the plan stays a nested loop
   * whatever the statistics of a table being loaded say. Keys not stored yet go in a plain INSERT (a speculative
   * ON CONFLICT insert costs about twice as much); a concurrent batch inserting the same key first makes it fail
   * with a unique violation, and the whole statement is retried, then seeing that row. Rows whose values differ go
   * through ON CONFLICT DO UPDATE, which re-checks the difference against the latest committed row.
   */
  private static final Map<Interval, BatchStatement> STATEMENTS = new EnumMap<>(Interval.class);
  /**
   * Per interval, for a batch whose every row is newer than what this writer knows to be stored for its symbol (the
   * common case of collecting or importing forward in time): a plain INSERT of every row, no probe. Should a key
   * exist after all (written by another node, or before this node started), the unique violation fails the whole
   * statement, nothing is written, and the batch goes through {@link #STATEMENTS}.
   */
  private static final Map<Interval, BatchStatement> APPEND_STATEMENTS = new EnumMap<>(Interval.class);
  /**
   * The batch's rows from one array per column; times travel as microseconds since the epoch (an {@code int8} is
   * written as it is, where the client's {@code timestamptz} encoding of a Java time was the dearest part of sending
   * a batch) and become {@code timestamptz} here, exactly (below 2^53 microseconds a float8 product is exact).
   */
  private static final String INPUT = """
      input AS (SELECT symbol, timestamptz '1970-01-01 00:00:00+00' + us * interval '1 microsecond' AS ts,
                       open, high, low, close, volume, adj_close
                FROM unnest($1::text[], $2::int8[], $3::float8[], $4::float8[], $5::float8[],
                            $6::float8[], $7::float8[], $8::float8[])
                AS t(symbol, us, open, high, low, close, volume, adj_close)),
      """;

  static {
    for (Interval interval : Interval.values()) {
      if (interval.stored()) {
        APPEND_STATEMENTS.put(interval, new BatchStatement("bars", INPUT + """
            up AS (INSERT INTO bars (symbol, interval, ts, open, high, low, close, volume, adj_close, source, version,
                                     batch_id, recorded_at)
                   SELECT i.symbol, $9, i.ts, i.open, i.high, i.low, i.close, i.volume, i.adj_close, $10, 1, bid.id, now()
                   FROM input i CROSS JOIN bid WHERE i.ts BETWEEN $11 AND $12
                   RETURNING true AS inserted)""", 12));
        STATEMENTS.put(interval, new BatchStatement("bars", INPUT + """
            probe AS MATERIALIZED (
                      SELECT i.*, b.open IS NOT NULL AS stored,
                             (b.open, b.high, b.low, b.close, b.volume, b.adj_close)
                               IS DISTINCT FROM (i.open, i.high, i.low, i.close, i.volume, i.adj_close) AS differs
                      FROM input i
                      LEFT JOIN LATERAL (SELECT b.open, b.high, b.low, b.close, b.volume, b.adj_close FROM bars b
                                         WHERE b.symbol = i.symbol AND b.interval = '%1$s' AND b.ts = i.ts
                                           AND b.ts BETWEEN $11 AND $12 LIMIT 1) b ON true),
            ins AS (INSERT INTO bars (symbol, interval, ts, open, high, low, close, volume, adj_close, source, version,
                                      batch_id, recorded_at)
                    SELECT p.symbol, $9, p.ts, p.open, p.high, p.low, p.close, p.volume, p.adj_close, $10, 1,
                           bid.id, now()
                    FROM probe p CROSS JOIN bid WHERE NOT p.stored
                    RETURNING true AS inserted),
            upd AS (INSERT INTO bars AS b (symbol, interval, ts, open, high, low, close, volume, adj_close, source,
                                           version, batch_id, recorded_at)
                    SELECT p.symbol, $9, p.ts, p.open, p.high, p.low, p.close, p.volume, p.adj_close, $10, 1,
                           bid.id, now()
                    FROM probe p CROSS JOIN bid WHERE p.stored AND p.differs
                    ON CONFLICT (symbol, interval, ts) DO UPDATE
                      SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
                          volume = EXCLUDED.volume, adj_close = EXCLUDED.adj_close, source = EXCLUDED.source,
                          version = b.version + 1, batch_id = EXCLUDED.batch_id, recorded_at = EXCLUDED.recorded_at
                      WHERE (b.open, b.high, b.low, b.close, b.volume, b.adj_close)
                            IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close,
                                              EXCLUDED.volume, EXCLUDED.adj_close)
                    RETURNING b.version = 1 AS inserted),
            up AS (SELECT inserted FROM ins UNION ALL SELECT inserted FROM upd)""".formatted(interval.id()), 12));
      }
    }
  }

  private static final int ATTEMPTS = 3;

  private final Pool pg;
  private final Partitions partitions;
  private final KnownSymbols known;
  private final StoredHorizon<BarRow> horizon = new StoredHorizon<>(BarRow::symbol, BarRow::ts, false);

  public BarWriter(Pool pg, Partitions partitions, KnownSymbols known) {
    this.pg = pg;
    this.partitions = partitions;
    this.known = known;
  }

  /**
   * Validated rows in key order (symbol, then time) with the statement's columns, their symbols and time range: built
   * by {@link #order} where the rows were validated (on a worker for large batches), so the event loop only sends them.
   */
  public static final class Ordered {
    private final List<BarRow> rows;
    private final Set<String> symbols = new TreeSet<>();
    private final String[] symbol;
    private final Long[] ts;
    private final Double[] open;
    private final Double[] high;
    private final Double[] low;
    private final Double[] close;
    private final Double[] volume;
    private final Double[] adjClose;
    private final Instant from;
    private final Instant to;

    private Ordered(List<BarRow> rows) {
      this.rows = rows;
      int n = rows.size();
      symbol = new String[n];
      ts = new Long[n];
      open = new Double[n];
      high = new Double[n];
      low = new Double[n];
      close = new Double[n];
      volume = new Double[n];
      adjClose = new Double[n];
      Instant min = null;
      Instant max = null;
      for (int i = 0; i < n; i++) {
        BarRow r = rows.get(i);
        if (i == 0 || !r.symbol().equals(symbol[i - 1])) {
          symbols.add(r.symbol());
        }
        symbol[i] = r.symbol();
        ts[i] = micros(r.ts());
        open[i] = r.open();
        high[i] = r.high();
        low[i] = r.low();
        close[i] = r.close();
        volume[i] = r.volume();
        adjClose[i] = r.adjClose();
        min = min == null || r.ts().isBefore(min) ? r.ts() : min;
        max = max == null || r.ts().isAfter(max) ? r.ts() : max;
      }
      from = min;
      to = max;
    }

    public List<BarRow> rows() {
      return rows;
    }

    /** The kind-specific parameters of the statements; a new tuple per attempt (the statement appends to it). */
    private Tuple columns(Interval interval, String source) {
      return Tuple.tuple().addValue(symbol).addValue(ts).addValue(open).addValue(high).addValue(low).addValue(close)
          .addValue(volume).addValue(adjClose).addValue(interval.id()).addValue(source)
          .addValue(BatchStatement.utc(from)).addValue(BatchStatement.utc(to));
    }
  }

  private static long micros(Instant ts) {
    return Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000L), ts.getNano() / 1_000);
  }

  /** {@code rows} in key order with their columns; already ordered rows (a symbol's history) are not copied twice. */
  public static Ordered order(List<BarRow> rows) {
    List<BarRow> ordered = sorted(rows) ? rows : rows.stream().sorted(KEY_ORDER).toList();
    return new Ordered(ordered);
  }

  private static final Comparator<BarRow> KEY_ORDER = Comparator.comparing(BarRow::symbol).thenComparing(BarRow::ts);

  private static boolean sorted(List<BarRow> rows) {
    for (int i = 1; i < rows.size(); i++) {
      if (KEY_ORDER.compare(rows.get(i - 1), rows.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  public Future<BatchResult> write(String source, Interval interval, List<BarRow> rows, List<Rejection> rejections) {
    return write(source, interval, order(rows), rejections);
  }

  public Future<BatchResult> write(String source, Interval interval, Ordered ordered, List<Rejection> rejections) {
    Future<BatchResult> written;
    if (horizon.allBeyond(interval.id(), ordered.rows())) {
      written = attempt(source, interval, ordered, rejections, 1, APPEND_STATEMENTS.get(interval))
          .recover(error -> BatchStatement.uniqueViolation(error)
              ? attempt(source, interval, ordered, rejections, 1, STATEMENTS.get(interval)) : Future.failedFuture(error));
    } else {
      written = attempt(source, interval, ordered, rejections, 1, STATEMENTS.get(interval));
    }
    return written.onSuccess(result -> horizon.record(interval.id(), ordered.rows()));
  }

  private Future<BatchResult> attempt(String source, Interval interval, Ordered rows, List<Rejection> rejections,
      int attempt, BatchStatement statement) {
    Instant from = rows.from;
    Instant to = rows.to;
    Future<Void> ready = from == null ? Future.succeededFuture() : partitions.ensure(interval.table(), from, to);
    return ready
        .compose(v -> statement.run(pg, rows.columns(interval, source), rows.rows().size(), rejections, rows.symbols,
            source, interval.id(), from, to, known))
        .recover(error -> {
          // a unique violation of the append statement is its fallback's business, not a retry of the same statement
          boolean appendConflict = statement != STATEMENTS.get(interval) && BatchStatement.uniqueViolation(error);
          if (attempt < ATTEMPTS && BatchStatement.retryable(error) && !appendConflict) {
            partitions.forgetAll();
            return attempt(source, interval, rows, rejections, attempt + 1, statement);
          }
          return Future.failedFuture(error);
        });
  }
}
