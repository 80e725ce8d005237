package io.ndc.storage.series;

import io.ndc.contract.market.JsonNumbers;
import io.ndc.contract.Failure;
import io.ndc.storage.ingest.BatchStatement;
import io.ndc.contract.Page;
import io.ndc.storage.query.TimeRange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Reads of trades (paged, by time range), trading trends (by date range and investor type) and financials. */
public final class SeriesQuery {
  private final Pool pg;

  public SeriesQuery(Pool pg) {
    this.pg = pg;
  }

  /** {@code {"symbol","from"?,"to"?,"page"?,"limit"?}}; the range defaults to the last day. */
  public Future<JsonObject> trades(JsonObject request) {
    String symbol = symbol(request);
    TimeRange range = TimeRange.of(request.getString("from"), request.getString("to"), Duration.ofDays(1), Duration.ZERO,
        Instant.now());
    Page page = Page.fromJson(request, 1000);
    String sql = "SELECT ts, seq, price, size, source, count(*) OVER () AS total FROM trades"
        + " WHERE symbol = $1 AND ts >= $2 AND ts < $3 ORDER BY ts, seq LIMIT $4 OFFSET $5";
    return pg.preparedQuery(sql).execute(Tuple.of(symbol, BatchStatement.utc(range.start()),
        BatchStatement.utc(range.end()), page.limit(), page.offset())).map(rows -> {
          JsonArray items = new JsonArray();
          long total = 0;
          for (Row row : rows) {
            items.add(new JsonObject().put("symbol", symbol)
                .put("ts", row.getOffsetDateTime("ts").toInstant().toString()).put("seq", row.getLong("seq"))
                .put("price", JsonNumbers.of(row.getDouble("price"))).put("size", JsonNumbers.of(row.getDouble("size")))
                .put("source", row.getString("source")));
            total = row.getLong("total");
          }
          return page.reply(items, total);
        });
  }

  /** {@code {"symbol","start_date"?,"end_date"?,"investor_type"?}}; the range defaults to the last year. */
  public Future<JsonObject> trends(JsonObject request) {
    String symbol = symbol(request);
    TimeRange range = TimeRange.of(request.getString("start_date"), request.getString("end_date"), Duration.ofDays(366),
        Duration.ZERO, Instant.now());
    String investor = request.getString("investor_type");
    String sql = "SELECT * FROM trading_trends WHERE symbol = $1 AND date >= $2 AND date < $3"
        + " AND ($4::text IS NULL OR investor_type = $4) ORDER BY date, investor_type";
    Tuple params = Tuple.of(symbol, day(range.start()), day(range.end().plusNanos(86_399_999_999_999L)),
        investor == null || investor.isBlank() ? null : investor.trim());
    return pg.preparedQuery(sql).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(new JsonObject().put("date", row.getLocalDate("date").toString())
            .put("investor_type", row.getString("investor_type"))
            .put("buy_volume", JsonNumbers.of(row.getDouble("buy_volume")))
            .put("sell_volume", JsonNumbers.of(row.getDouble("sell_volume")))
            .put("net_volume", JsonNumbers.of(row.getDouble("net_volume")))
            .put("buy_value", JsonNumbers.of(row.getDouble("buy_value")))
            .put("sell_value", JsonNumbers.of(row.getDouble("sell_value")))
            .put("net_value", JsonNumbers.of(row.getDouble("net_value")))
            .put("source", row.getString("source")));
      }
      return new JsonObject().put("symbol", symbol).put("items", items);
    });
  }

  /** {@code {"symbol","year"?,"quarter"?}} */
  public Future<JsonObject> financials(JsonObject request) {
    String symbol = symbol(request);
    Integer year = whole(request, "year", 1900, 2200);
    Integer quarter = whole(request, "quarter", 1, 4);
    String sql = "SELECT * FROM financials WHERE symbol = $1 AND ($2::int IS NULL OR year = $2)"
        + " AND ($3::int IS NULL OR quarter = $3) ORDER BY year, quarter";
    return pg.preparedQuery(sql).execute(Tuple.of(symbol, year, quarter)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        JsonObject item = new JsonObject();
        for (Column column : SeriesTable.FINANCIALS.columns()) {
          if (!column.name().equals("symbol")) {
            item.put(column.name(), row.getValue(column.name()));
          }
        }
        items.add(item.put("source", row.getString("source")));
      }
      return new JsonObject().put("symbol", symbol).put("items", items);
    });
  }

  /** The UTC date of t; the end bound is first moved by a day less a nanosecond so a partial last day counts. */
  private static LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static String symbol(JsonObject request) {
    return io.ndc.storage.query.BarQuery.requiredSymbol(request);
  }

  private static Integer whole(JsonObject request, String field, int min, int max) {
    Object value = request.getValue(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      int number = Integer.parseInt(value.toString().trim());
      if (number < min || number > max) {
        throw Failure.validation(field + " must be from " + min + " to " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw Failure.validation(field + " must be a whole number (got '" + value + "')");
    }
  }
}
