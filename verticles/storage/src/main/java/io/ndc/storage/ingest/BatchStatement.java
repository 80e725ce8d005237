package io.ndc.storage.ingest;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ingest batch as one SQL statement (so it commits or fails whole, in one round trip): a fresh batch id, the
 * kind-specific upsert (a CTE named {@code up} returning {@code inserted boolean} for every row it inserted or
 * revised), the rejections, unknown symbols added as instruments of market OTHER, and the batch row with its
 * counts. Kind-specific parameters come first; the shared ones follow at {@code $<first>...}. Symbols this node
 * already knows as instruments are not sent again.
 */
public final class BatchStatement {
  private final String sql;

  public BatchStatement(String kind, String upsertCtes, int kindParams) {
    int p = kindParams + 1;
    this.sql = "WITH bid AS MATERIALIZED (SELECT nextval('ingest_batches_id_seq') AS id),\n"
        + upsertCtes + ",\n"
        + "rej AS (INSERT INTO rejections (batch_id, row_index, symbol, reason, raw)\n"
        + "  SELECT bid.id, r.i, r.s, r.reason, r.raw::jsonb FROM bid,\n"
        + "  unnest($" + p + "::int[], $" + (p + 1) + "::text[], $" + (p + 2) + "::text[], $" + (p + 3) + "::text[]) AS r(i, s, reason, raw)),\n"
        + "inst AS (INSERT INTO instruments (symbol, name) SELECT s, s FROM unnest($" + (p + 10) + "::text[]) AS s\n"
        + "  ON CONFLICT (symbol) DO NOTHING),\n"
        + "counts AS (SELECT count(*) FILTER (WHERE inserted) AS accepted, count(*) FILTER (WHERE NOT inserted) AS revised FROM up)\n"
        + "INSERT INTO ingest_batches (id, kind, source, interval, accepted, unchanged, revised, rejected, symbols, from_ts, to_ts)\n"
        + "SELECT bid.id, '" + kind + "', $" + (p + 5) + ", $" + (p + 6) + ", counts.accepted, $" + (p + 7)
        + " - counts.accepted - counts.revised,\n"
        + "  counts.revised, cardinality($" + p + "::int[]), $" + (p + 4) + ", $" + (p + 8) + ", $" + (p + 9) + " FROM bid, counts\n"
        + "RETURNING id, accepted, unchanged, revised, rejected";
  }

  /** Binds the shared parameters after the kind-specific ones in {@code params} and runs the statement. */
  public Future<BatchResult> run(Pool pg, Tuple params, int validRows, List<Rejection> rejections, Set<String> symbols,
      String source, String interval, Instant from, Instant to, KnownSymbols known) {
    String[] unknown = known.unknown(symbols);
    int n = rejections.size();
    Integer[] index = new Integer[n];
    String[] symbol = new String[n];
    String[] reason = new String[n];
    String[] raw = new String[n];
    for (int i = 0; i < n; i++) {
      Rejection r = rejections.get(i);
      index[i] = r.index();
      symbol[i] = r.symbol();
      // a refused row is kept as sent, but PostgreSQL text and jsonb cannot hold NUL: it is kept as U+FFFD
      reason[i] = r.reason() == null ? null : r.reason().replace('\u0000', '\uFFFD');
      raw[i] = r.raw().encode().replace("\\u0000", "\\uFFFD");
    }
    params.addValue(index).addValue(symbol).addValue(reason).addValue(raw)
        .addValue(new TreeSet<>(symbols).toArray(String[]::new))
        .addValue(source).addValue(interval).addValue(validRows)
        .addValue(utc(from)).addValue(utc(to)).addValue(unknown);
    return pg.preparedQuery(sql).execute(params).map(rows -> {
      known.remember(unknown);
      Row row = rows.iterator().next();
      return new BatchResult(row.getLong("id"), row.getInteger("accepted"), row.getInteger("unchanged"),
          row.getInteger("revised"), row.getInteger("rejected"));
    });
  }

  /** A key that exists already (SQLSTATE 23505). */
  public static boolean uniqueViolation(Throwable error) {
    return error instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Failures worth one more try of the whole statement: a deadlock, a serialization failure, a key inserted
   * concurrently (unique violation), a partition dropped or created concurrently.
   */
  public static boolean retryable(Throwable error) {
    return error instanceof PgException pg && Set.of("40P01", "40001", "23505", "23514", "42P01").contains(pg.getSqlState());
  }
}
