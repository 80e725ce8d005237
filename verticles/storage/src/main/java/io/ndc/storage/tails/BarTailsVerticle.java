package io.ndc.storage.tails;

import io.ndc.contract.storage.BarTailsQuery;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ndc.storage.bars.query_many} ({@link BarTailsQuery}): the last N bars of many symbols in one statement, a
 * LATERAL top-N per symbol on the primary key (symbol, interval, ts), as a screen over thousands of symbols needs
 * them; columnar reply, so 2,000 symbols × 200 bars are a few arrays each rather than 400,000 row objects.
 */
public final class BarTailsVerticle extends VerticleBase {
  /** ts <= this when the query has no end: after any bar (and cheaper to plan than an OR). */
  private static final OffsetDateTime OPEN_END = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);
  static final String SQL = """
      SELECT s.symbol, i.symbol IS NOT NULL AS known, b.ts, b.open, b.high, b.low, b.close, b.volume
      FROM unnest($1::text[]) AS s(symbol)
      LEFT JOIN instruments i ON i.symbol = s.symbol
      LEFT JOIN LATERAL (
        SELECT ts, open, high, low, close, volume FROM bars
        WHERE symbol = s.symbol AND interval = $2 AND ts <= $3 ORDER BY ts DESC LIMIT $4) b ON true
      ORDER BY s.symbol, b.ts""";

  private Pool pg;

  @Override
  public Future<?> start() {
    pg = StorageConfig.pool(vertx, config());
    return vertx.eventBus().consumer(StorageAddresses.BARS_QUERY_MANY, Handlers.typed(BarTailsQuery::fromJson, this::tails))
        .completion();
  }

  private Future<JsonObject> tails(BarTailsQuery query) {
    Tuple params = Tuple.of(query.symbols().toArray(String[]::new), query.interval().id(),
        query.end() == null ? OPEN_END : query.end().atOffset(ZoneOffset.UTC), query.count());
    return pg.preparedQuery(SQL).execute(params).map(rows -> reply(query, rows));
  }

  private static JsonObject reply(BarTailsQuery query, RowSet<Row> rows) {
    Map<String, JsonArray[]> series = new LinkedHashMap<>();
    JsonArray unknown = new JsonArray();
    for (Row row : rows) {
      String symbol = row.getString("symbol");
      if (!row.getBoolean("known")) {
        unknown.add(symbol);
        continue;
      }
      JsonArray[] columns = series.computeIfAbsent(symbol, s -> new JsonArray[] {
          new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray()});
      OffsetDateTime ts = row.getOffsetDateTime("ts");
      if (ts == null) {
        continue;
      }
      columns[0].add(ts.toInstant().toEpochMilli());
      columns[1].add(row.getDouble("open"));
      columns[2].add(row.getDouble("high"));
      columns[3].add(row.getDouble("low"));
      columns[4].add(row.getDouble("close"));
      columns[5].add(row.getDouble("volume"));
    }
    JsonObject out = new JsonObject();
    series.forEach((symbol, c) -> out.put(symbol, new JsonObject().put("ts", c[0]).put("open", c[1]).put("high", c[2])
        .put("low", c[3]).put("close", c[4]).put("volume", c[5])));
    return new JsonObject().put("interval", query.interval().id()).put("series", out).put("unknown", unknown);
  }
}
