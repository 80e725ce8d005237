package io.ndc.storage.query;

import io.ndc.contract.Page;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.ingest.BatchStatement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The version history of bars: with a date (or ts), every version of that one bar, oldest first, the current one
 * last; without, a page of the symbol's replaced versions, newest replacement first.
 */
public final class VersionQuery {
  private static final String COLUMNS = "ts, version, open, high, low, close, volume, adj_close, source, batch_id, recorded_at";

  private final Pool pg;

  public VersionQuery(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> versions(JsonObject request) {
    String symbol = BarQuery.requiredSymbol(request);
    Interval interval = Interval.parseStored(request.getString("interval"));
    String when = request.getString("ts", request.getString("date"));
    if (when == null || when.isBlank()) {
      return replaced(symbol, interval, Page.fromJson(request, 100));
    }
    Instant ts = TimeRange.parse("date", when);
    String sql = "SELECT " + COLUMNS + ", NULL::timestamptz AS replaced_at, true AS current FROM bars"
        + " WHERE symbol = $1 AND interval = $2 AND ts = $3"
        + " UNION ALL SELECT " + COLUMNS + ", replaced_at, false FROM bar_versions"
        + " WHERE symbol = $1 AND interval = $2 AND ts = $3 ORDER BY current, recorded_at";
    return pg.preparedQuery(sql).execute(Tuple.of(symbol, interval.id(), BatchStatement.utc(ts))).map(rows -> {
      JsonArray versions = new JsonArray();
      rows.forEach(row -> versions.add(version(row, interval)));
      return new JsonObject().put("symbol", symbol).put("interval", interval.id())
          .put(interval.timeField(), interval.format(ts)).put("versions", versions);
    });
  }

  private Future<JsonObject> replaced(String symbol, Interval interval, Page page) {
    String sql = "SELECT " + COLUMNS + ", replaced_at, false AS current, count(*) OVER () AS total FROM bar_versions"
        + " WHERE symbol = $1 AND interval = $2 ORDER BY replaced_at DESC, ts LIMIT $3 OFFSET $4";
    return pg.preparedQuery(sql).execute(Tuple.of(symbol, interval.id(), page.limit(), page.offset())).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row row : rows) {
        items.add(version(row, interval));
        total = row.getLong("total");
      }
      return page.reply(items, total);
    });
  }

  private static JsonObject version(Row row, Interval interval) {
    OffsetDateTime replaced = row.getOffsetDateTime("replaced_at");
    return new JsonObject()
        .put(interval.timeField(), interval.format(row.getOffsetDateTime("ts").toInstant()))
        .put("version", row.getInteger("version"))
        .put("open", row.getDouble("open"))
        .put("high", row.getDouble("high"))
        .put("low", row.getDouble("low"))
        .put("close", row.getDouble("close"))
        .put("volume", row.getDouble("volume"))
        .put("adj_close", row.getDouble("adj_close"))
        .put("source", row.getString("source"))
        .put("batch_id", row.getLong("batch_id"))
        .put("recorded_at", row.getOffsetDateTime("recorded_at").toInstant().toString())
        .put("replaced_at", replaced == null ? null : replaced.toInstant().toString())
        .put("current", row.getBoolean("current"));
  }
}
