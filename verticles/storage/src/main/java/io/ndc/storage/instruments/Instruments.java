package io.ndc.storage.instruments;

import io.ndc.contract.market.JsonNumbers;
import io.ndc.contract.Failure;
import io.ndc.storage.bars.RowValues;
import io.ndc.storage.cache.MarketCache;
import io.ndc.storage.query.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** {@code {"market"?,"sector"?,"q"?,"page"?,"limit"?}} */
  public Future<JsonObject> list(JsonObject request) {
    Page page = Page.of(request, 50);
    String q = blankToNull(request.getString("q"));
    String sql = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM instruments"
        + " WHERE ($1::text IS NULL OR market = upper($1))"
        + " AND ($2::text IS NULL OR lower(sector) = lower($2))"
        + " AND ($3::text IS NULL OR symbol ILIKE '%' || $3 || '%' OR name ILIKE '%' || $3 || '%')"
        + " ORDER BY symbol LIMIT $4 OFFSET $5";
    Tuple params = Tuple.of(blankToNull(request.getString("market")), blankToNull(request.getString("sector")),
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
    String symbol = symbol(request.getValue("symbol"));
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

  /** {@code {"instruments":[...]}} or one instrument's fields at the top level (PUT /stocks/{symbol}). */
  public Future<JsonObject> upsert(JsonObject request) {
    JsonArray given = request.containsKey("instruments") ? request.getJsonArray("instruments")
        : new JsonArray().add(request);
    if (given.isEmpty() || given.size() > 10_000) {
      throw Failure.validation("instruments must hold 1 to 10000 entries");
    }
    List<JsonObject> checked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      checked.add(checked(given.getJsonObject(i), i));
    }
    String sql = "INSERT INTO instruments (" + COLUMNS + ") SELECT * FROM unnest($1::text[], $2::text[], $3::text[],"
        + " $4::text[], $5::text[], $6::text[]) ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name,"
        + " market = EXCLUDED.market, sector = EXCLUDED.sector, industry = EXCLUDED.industry,"
        + " currency = EXCLUDED.currency, updated_at = now() RETURNING " + COLUMNS;
    Tuple params = Tuple.tuple();
    for (String field : List.of("symbol", "name", "market", "sector", "industry", "currency")) {
      params.addValue(checked.stream().map(o -> o.getString(field)).toArray(String[]::new));
    }
    List<String> symbols = checked.stream().map(o -> o.getString("symbol")).toList();
    return pg.preparedQuery(sql).execute(params)
        .compose(rows -> cache.invalidate(new MarketCache.Invalidation(symbols, null, null, null)).map(v -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(instrument(row)));
          return new JsonObject().put("items", items);
        }));
  }

  private static JsonObject checked(JsonObject given, int index) {
    if (given == null) {
      throw Failure.validation("instrument " + index + " is not an object");
    }
    String symbol = symbol(given.getValue("symbol"));
    String name = text(given, "name", 200);
    if (name == null) {
      throw Failure.validation("name is required for " + symbol, new JsonObject().put("field", "name"));
    }
    String market = text(given, "market", 16);
    String currency = text(given, "currency", 3);
    return new JsonObject().put("symbol", symbol).put("name", name)
        .put("market", market == null ? "OTHER" : market.toUpperCase(Locale.ROOT))
        .put("sector", text(given, "sector", 100)).put("industry", text(given, "industry", 100))
        .put("currency", currency == null ? null : currency.toUpperCase(Locale.ROOT));
  }

  private static String text(JsonObject given, String field, int max) {
    Object value = given.getValue(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (!(value instanceof String s) || s.trim().length() > max) {
      throw Failure.validation(field + " must be a string of at most " + max + " characters",
          new JsonObject().put("field", field));
    }
    return s.trim();
  }

  private static String symbol(Object value) {
    try {
      String symbol = RowValues.symbol(value);
      if (symbol == null) {
        throw Failure.validation("symbol is required");
      }
      return symbol;
    } catch (IllegalArgumentException e) {
      throw Failure.validation(e.getMessage());
    }
  }

  private static JsonObject instrument(Row row) {
    return new JsonObject().put("symbol", row.getString("symbol")).put("name", row.getString("name"))
        .put("market", row.getString("market")).put("sector", row.getString("sector"))
        .put("industry", row.getString("industry")).put("currency", row.getString("currency"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
