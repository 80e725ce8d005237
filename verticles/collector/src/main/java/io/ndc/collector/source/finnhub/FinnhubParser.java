package io.ndc.collector.source.finnhub;

import io.ndc.collector.source.Bars;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Finnhub. REST candles are parallel arrays {@code {"c","h","l","o","t","v","s":"ok"}} or {@code {"s":"no_data"}};
 * errors are {@code {"error":"..."}}. WebSocket frames are {@code {"type":"trade","data":[{"p","s","t","v","c"}]}}
 * (epoch milliseconds; {@code v=0} is a price update, not a trade), {@code {"type":"ping"}} and
 * {@code {"type":"error","msg"}}.
 */
public final class FinnhubParser {
  /** A trade out of a frame. */
  public record Trade(String symbol, double price, double size, long epochMillis) {
  }

  private FinnhubParser() {
  }

  /**
   * @param zone the exchange's zone: a daily candle stamped at midnight UTC is that UTC date, any other stamp is
   *     dated in the exchange's zone
   */
  public static List<JsonObject> candles(String body, String symbol, boolean daily, ZoneId zone, LocalDate from, LocalDate to) {
    JsonObject json = object(body);
    if (json.containsKey("error")) {
      throw SourceFailure.rejected("Finnhub refused " + symbol + ": " + json.getValue("error"));
    }
    String status = json.getString("s");
    if ("no_data".equals(status)) {
      return List.of();
    }
    if (!"ok".equals(status)) {
      throw SourceFailure.unavailable("Finnhub sent candles with status " + status);
    }
    JsonArray t = json.getJsonArray("t");
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      Double open = at(json, "o", i);
      Double high = at(json, "h", i);
      Double low = at(json, "l", i);
      Double close = at(json, "c", i);
      Double volume = at(json, "v", i);
      if (t.getValue(i) == null || open == null || high == null || low == null || close == null || volume == null) {
        continue;
      }
      Instant ts = Instant.ofEpochSecond(t.getLong(i));
      LocalDate date = ts.getEpochSecond() % 86_400 == 0 ? ts.atOffset(ZoneOffset.UTC).toLocalDate() : ts.atZone(zone).toLocalDate();
      if (date.isBefore(from) || date.isAfter(to)) {
        continue;
      }
      rows.add(daily ? Bars.daily(symbol, date, open, high, low, close, volume) : Bars.intraday(symbol, ts, open, high, low, close, volume));
    }
    return rows;
  }

  private static Double at(JsonObject json, String field, int i) {
    JsonArray values = json.getJsonArray(field);
    return values == null || i >= values.size() || values.getValue(i) == null ? null : values.getNumber(i).doubleValue();
  }

  /** Trades in a WebSocket frame (price updates with {@code v=0} left out); empty for pings and other frames. */
  public static List<Trade> trades(JsonObject frame) {
    if (!"trade".equals(frame.getString("type"))) {
      return List.of();
    }
    List<Trade> trades = new ArrayList<>();
    for (Object o : frame.getJsonArray("data", new JsonArray())) {
      JsonObject d = (JsonObject) o;
      Number v = d.getNumber("v");
      Number p = d.getNumber("p");
      Number t = d.getNumber("t");
      if (v == null || p == null || t == null || d.getString("s") == null || v.doubleValue() <= 0) {
        continue;
      }
      trades.add(new Trade(d.getString("s"), p.doubleValue(), v.doubleValue(), t.longValue()));
    }
    return trades;
  }

  static JsonObject object(String body) {
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw SourceFailure.unavailable("Finnhub sent a body that is not a JSON object");
    }
  }
}
