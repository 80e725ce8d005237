package io.ndc.collector.source.yahoo;

import io.ndc.collector.source.Bars;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Yahoo's chart API: parallel arrays where any element may be null (a row of nulls is an unfinished session,
 * skipped), prices carrying float32 noise (read back through float to their shortest decimal), timestamps of the
 * session open whose calendar date is taken in the exchange's time zone ({@code exchangeTimezoneName}).
 */
public final class YahooChartParser {
  private YahooChartParser() {
  }

  /** @param daily true for daily and longer bars (keyed by exchange-local date), false for intraday (UTC instant) */
  public static List<JsonObject> parse(String body, String symbol, boolean daily, LocalDate from, LocalDate to) {
    JsonObject chart;
    try {
      chart = new JsonObject(body).getJsonObject("chart");
    } catch (DecodeException | ClassCastException e) {
      throw SourceFailure.unavailable("Yahoo sent a body that is not chart JSON");
    }
    if (chart == null) {
      throw SourceFailure.unavailable("Yahoo sent JSON without a chart");
    }
    JsonObject error = chart.getJsonObject("error");
    if (error != null) {
      throw SourceFailure.rejected("Yahoo refused " + symbol + ": " + error.getString("code", "error") + ": "
          + error.getString("description", ""));
    }
    JsonArray results = chart.getJsonArray("result");
    if (results == null || results.isEmpty()) {
      return List.of();
    }
    JsonObject result = results.getJsonObject(0);
    JsonArray timestamps = result.getJsonArray("timestamp");
    if (timestamps == null) {
      return List.of();
    }
    ZoneId zone = zone(result.getJsonObject("meta", new JsonObject()));
    JsonObject indicators = result.getJsonObject("indicators", new JsonObject());
    JsonObject quote = first(indicators.getJsonArray("quote"));
    JsonObject adj = first(indicators.getJsonArray("adjclose"));
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < timestamps.size(); i++) {
      Long ts = timestamps.getLong(i);
      Double open = value(quote, "open", i);
      Double high = value(quote, "high", i);
      Double low = value(quote, "low", i);
      Double close = value(quote, "close", i);
      Double volume = value(quote, "volume", i);
      if (ts == null || open == null || high == null || low == null || close == null || volume == null) {
        continue;
      }
      Instant instant = Instant.ofEpochSecond(ts);
      LocalDate date = instant.atZone(zone).toLocalDate();
      if (date.isBefore(from) || date.isAfter(to)) {
        continue;
      }
      JsonObject row = daily
          ? Bars.daily(symbol, date, open, high, low, close, volume)
          : Bars.intraday(symbol, instant, open, high, low, close, volume);
      Double adjClose = value(adj, "adjclose", i);
      if (adjClose != null) {
        row.put("adj_close", adjClose);
      }
      rows.add(row);
    }
    return rows;
  }

  private static ZoneId zone(JsonObject meta) {
    String name = meta.getString("exchangeTimezoneName");
    try {
      return name == null ? ZoneId.of("UTC") : ZoneId.of(name);
    } catch (DateTimeException e) {
      throw SourceFailure.unavailable("Yahoo named an unknown exchange time zone " + name);
    }
  }

  private static JsonObject first(JsonArray array) {
    return array == null || array.isEmpty() ? new JsonObject() : array.getJsonObject(0);
  }

  private static Double value(JsonObject series, String field, int index) {
    JsonArray values = series.getJsonArray(field);
    if (values == null || index >= values.size() || values.getValue(index) == null) {
      return null;
    }
    Number n = values.getNumber(index);
    // quotes are float32 values printed as doubles (74.05999755859375): read them back through float
    return field.equals("volume") ? n.doubleValue() : Double.parseDouble(Float.toString(n.floatValue()));
  }
}
