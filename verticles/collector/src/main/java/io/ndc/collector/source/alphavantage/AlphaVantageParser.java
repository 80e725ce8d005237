package io.ndc.collector.source.alphavantage;

import io.ndc.collector.source.Bars;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads Alpha Vantage time series: numbered keys ({@code "1. open"}), every value a string, newest first, times in
 * the zone the meta data names. Errors and throttling come with HTTP 200: {@code "Error Message"} is a rejected
 * request, {@code "Note"} (per-minute limit) and {@code "Information"} (daily limit) are throttling.
 */
public final class AlphaVantageParser {
  private static final DateTimeFormatter INTRADAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private AlphaVantageParser() {
  }

  public static List<JsonObject> parse(String body, String symbol, boolean daily, LocalDate from, LocalDate to, long throttleWaitMs) {
    JsonObject json = answer(body, symbol, throttleWaitMs);
    JsonObject meta = json.getJsonObject("Meta Data", new JsonObject());
    ZoneId zone = zone(meta);
    JsonObject series = null;
    for (Map.Entry<String, Object> e : json) {
      if (e.getKey().contains("Time Series") && e.getValue() instanceof JsonObject s) {
        series = s;
      }
    }
    if (series == null) {
      throw SourceFailure.unavailable("Alpha Vantage sent no time series for " + symbol);
    }
    List<JsonObject> rows = new ArrayList<>();
    for (Map.Entry<String, Object> e : series) {
      if (!(e.getValue() instanceof JsonObject values)) {
        continue;
      }
      JsonObject row = row(symbol, e.getKey(), values, daily, zone, from, to);
      if (row != null) {
        rows.add(row);
      }
    }
    rows.sort(Comparator.comparing(r -> r.getString(daily ? "date" : "ts")));
    return rows;
  }

  /**
   * The JSON of any Alpha Vantage answer, after its HTTP 200 error bodies: {@code "Error Message"} fails as rejected,
   * {@code "Note"} and {@code "Information"} as throttled with {@code throttleWaitMs}.
   */
  static JsonObject answer(String body, String symbol, long throttleWaitMs) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException e) {
      throw SourceFailure.unavailable("Alpha Vantage sent a body that is not JSON");
    }
    if (json.containsKey("Error Message")) {
      throw SourceFailure.rejected("Alpha Vantage refused " + symbol + ": " + json.getValue("Error Message"));
    }
    for (String throttle : List.of("Note", "Information")) {
      if (json.containsKey(throttle)) {
        throw SourceFailure.throttled("Alpha Vantage throttled: " + json.getValue(throttle), throttleWaitMs);
      }
    }
    return json;
  }

  private static JsonObject row(String symbol, String key, JsonObject values, boolean daily, ZoneId zone, LocalDate from, LocalDate to) {
    Double open = field(values, "open");
    Double high = field(values, "high");
    Double low = field(values, "low");
    Double close = field(values, "close");
    Double volume = field(values, "volume");
    if (open == null || high == null || low == null || close == null || volume == null) {
      return null;
    }
    try {
      if (daily) {
        LocalDate date = LocalDate.parse(key.trim());
        return date.isBefore(from) || date.isAfter(to) ? null : Bars.daily(symbol, date, open, high, low, close, volume);
      }
      LocalDateTime local = LocalDateTime.parse(key.trim(), INTRADAY);
      LocalDate date = local.toLocalDate();
      return date.isBefore(from) || date.isAfter(to) ? null
          : Bars.intraday(symbol, local.atZone(zone).toInstant(), open, high, low, close, volume);
    } catch (DateTimeParseException e) {
      throw SourceFailure.unavailable("Alpha Vantage sent an unreadable time '" + key + "'");
    }
  }

  /** Values sit under numbered keys such as "1. open"; the number is not relied upon. */
  private static Double field(JsonObject values, String name) {
    for (Map.Entry<String, Object> e : values) {
      String key = e.getKey();
      int dot = key.indexOf(". ");
      String bare = dot >= 0 ? key.substring(dot + 2) : key;
      if (bare.equals(name)) {
        return Bars.number(String.valueOf(e.getValue()));
      }
    }
    return null;
  }

  private static ZoneId zone(JsonObject meta) {
    for (Map.Entry<String, Object> e : meta) {
      if (e.getKey().endsWith("Time Zone")) {
        try {
          return ZoneId.of(String.valueOf(e.getValue()));
        } catch (DateTimeException ex) {
          throw SourceFailure.unavailable("Alpha Vantage named an unknown time zone " + e.getValue());
        }
      }
    }
    return ZoneId.of("US/Eastern");
  }
}
