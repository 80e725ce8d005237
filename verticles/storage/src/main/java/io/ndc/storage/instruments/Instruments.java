package io.ndc.storage.instruments;

import io.ndc.contract.market.JsonNumbers;
import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.ndc.contract.storage.Instrument;
import io.ndc.contract.storage.InstrumentQuery;
import io.ndc.contract.storage.InstrumentUpsert;
import io.ndc.storage.cache.Invalidation;
import io.ndc.storage.cache.MarketCache;
import io.ndc.contract.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/** The instrument list: search, one instrument with its latest price, and operator upserts. */
public final class Instruments {
  private static final String COLUMNS = "symbol, name, market, sector, industry, currency";
  /** The newest price known from 1m bars, daily bars (a daily close counts as of the end of its day) and trades. */
  private static final String LATEST = """
      SELECT price, ts, kind FROM (
        (SELECT close AS price, ts, '1m' AS kind, ts + interval '1 minute' AS known FROM bars
          WHERE symbol = $1 AND interval = '1m' ORDER BY ts DESC LIMIT 1)
        UNION ALL
        (SELECT close, ts, 'daily', ts + interval '1 day' FROM bars
          WHERE symbol = $1 AND interval = 'daily' ORDER BY ts DESC LIMIT 1)
        UNION ALL
        (SELECT price, ts, 'trade', ts FROM trades WHERE symbol = $1 ORDER BY ts DESC LIMIT 1)) q
      ORDER BY known DESC LIMIT 1""";

  private final Pool pg;
  private final MarketCache cache;

  public Instruments(Pool pg, MarketCache cache) {
    this.pg = pg;
    this.cache = cache;
  }

  /** {@link InstrumentQuery} */
  public Future<JsonObject> list(JsonObject request) {
    InstrumentQuery query = InstrumentQuery.fromJson(request);
    Page page = query.page();
    String q = query.q();
    String sql = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM instruments"
        + " WHERE ($1::text IS NULL OR market = upper($1))"
        + " AND ($2::text IS NULL OR lower(sector) = lower($2))"
        + " AND ($3::text IS NULL OR symbol ILIKE '%' || $3 || '%' OR name ILIKE '%' || $3 || '%')"
        + " ORDER BY symbol LIMIT $4 OFFSET $5";
    Tuple params = Tuple.of(query.market(), query.sector(),
        q == null ? null : q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"), page.limit(), page.offset());
    return pg.preparedQuery(sql).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row row : rows) {
        items.add(instrument(row));
        total = row.getLong("total");
      }
      return page.reply(items, total);
    });
  }

  /** {@code {"symbol"}}: the instrument with {@code latest_price}. */
  public Future<JsonObject> get(JsonObject request) {
    String symbol = Fields.symbol(request, "symbol");
    return cache.instrument(symbol, () -> pg.preparedQuery("SELECT " + COLUMNS + " FROM instruments WHERE symbol = $1")
        .execute(Tuple.of(symbol))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Failure.notFound("no instrument '" + symbol + "'"));
          }
          JsonObject instrument = instrument(rows.iterator().next());
          return cache.latest(symbol, () -> latest(symbol)).map(latest -> instrument.put("latest_price", latest));
        }));
  }

  private Future<JsonObject> latest(String symbol) {
    return pg.preparedQuery(LATEST).execute(Tuple.of(symbol)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new JsonObject().put("price", JsonNumbers.of(row.getDouble("price")))
          .put("ts", row.getOffsetDateTime("ts").toInstant().toString()).put("interval", row.getString("kind"));
    });
  }

  /** {@link InstrumentUpsert}; replies {@code {"items":[instrument]}}. */
  public Future<JsonObject> upsert(JsonObject request) {
    List<Instrument> checked = InstrumentUpsert.fromJson(request).instruments();
    String sql = "INSERT INTO instruments (" + COLUMNS + ") SELECT * FROM unnest($1::text[], $2::text[], $3::text[],"
        + " $4::text[], $5::text[], $6::text[]) ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name,"
        + " market = EXCLUDED.market, sector = EXCLUDED.sector, industry = EXCLUDED.industry,"
        + " currency = EXCLUDED.currency, updated_at = now() RETURNING " + COLUMNS;
    Tuple params = Tuple.tuple();
    List<Function<Instrument, String>> columns = List.of(Instrument::symbol, Instrument::name, Instrument::market,
        Instrument::sector, Instrument::industry, Instrument::currency);
    columns.forEach(column -> params.addValue(checked.stream().map(column).toArray(String[]::new)));
    List<String> symbols = checked.stream().map(Instrument::symbol).toList();
    return pg.preparedQuery(sql).execute(params)
        .compose(rows -> cache.invalidate(Invalidation.everything(symbols)).map(v -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(instrument(row)));
          return new JsonObject().put("items", items);
        }));
  }

  private static JsonObject instrument(Row row) {
    return new JsonObject().put("symbol", row.getString("symbol")).put("name", row.getString("name"))
        .put("market", row.getString("market")).put("sector", row.getString("sector"))
        .put("industry", row.getString("industry")).put("currency", row.getString("currency"));
  }

}
