package io.ndc.storage.query;

import io.ndc.storage.bars.Interval;

/**
 * The SQL of bar queries. Parameters: $1 symbol, $2 stored interval, $3 start, $4 end (exclusive), $5 as_of.
 * Every statement filters on symbol, interval and a ts range so PostgreSQL prunes to the partitions of the range.
 * The state {@code as_of} an instant is the current row if it was recorded by then, else the archived version that
 * was the truth at that instant.
 */
final class BarSql {
  private static final String COLUMNS = "ts, open, high, low, close, volume";

  private BarSql() {
  }

  /** Rows of the stored interval in [lower, upper) where the bounds are SQL expressions. */
  static String rows(boolean asOf, String range) {
    String current = "SELECT " + COLUMNS + " FROM bars WHERE symbol = $1 AND interval = $2 AND " + range;
    if (!asOf) {
      return current;
    }
    return current + " AND recorded_at <= $5 UNION ALL SELECT " + COLUMNS
        + " FROM bar_versions WHERE symbol = $1 AND interval = $2 AND " + range
        + " AND recorded_at <= $5 AND replaced_at > $5";
  }

  /** Stored bars in range, preceded by the bar before the range so the first one has a change. */
  static String stored(boolean asOf) {
    return "WITH r AS (" + rows(asOf, "ts >= $3 AND ts < $4") + "),\n"
        + "p AS (SELECT * FROM (" + rows(asOf, "ts < $3") + ") older ORDER BY ts DESC LIMIT 1)\n"
        + withChange("SELECT * FROM p UNION ALL SELECT * FROM r");
  }

  /**
   * Bars of {@code target} aggregated from stored bars in SQL: first open, highest high, lowest low, last close,
   * summed volume per bucket. $3 is widened by the caller to cover the bucket before the range.
   */
  static String aggregated(boolean asOf, Interval target) {
    String bucket = switch (target) {
      case WEEKLY -> "date_trunc('week', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
      case MONTHLY -> "date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
      default -> "date_bin(interval '" + target.length().toMinutes() + " minutes', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    };
    return "WITH r AS (" + rows(asOf, "ts >= $3 AND ts < $4") + "),\n"
        + "b AS (SELECT " + bucket + " AS ts, (array_agg(open ORDER BY ts))[1] AS open, max(high) AS high,\n"
        + "  min(low) AS low, (array_agg(close ORDER BY ts DESC))[1] AS close, sum(volume) AS volume FROM r GROUP BY 1)\n"
        + withChange("SELECT * FROM b");
  }

  private static String withChange(String rows) {
    return "SELECT " + COLUMNS + ",\n"
        + "  round(((close / NULLIF(lag(close) OVER (ORDER BY ts), 0) - 1) * 100)::numeric, 4)::float8 AS change\n"
        + "FROM (" + rows + ") x ORDER BY ts";
  }
}
