package io.ndc.collector.source;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/** Builds bar rows in the shape storage ingests. */
public final class Bars {
  private Bars() {
  }

  public static JsonObject daily(String symbol, LocalDate date, double open, double high, double low, double close, double volume) {
    return row(symbol, open, high, low, close, volume).put("date", date.toString());
  }

  public static JsonObject intraday(String symbol, Instant ts, double open, double high, double low, double close, double volume) {
    return row(symbol, open, high, low, close, volume).put("ts", ts.toString());
  }

  private static JsonObject row(String symbol, double open, double high, double low, double close, double volume) {
    return new JsonObject().put("symbol", symbol).put("open", open).put("high", high).put("low", low).put("close", close)
        .put("volume", volume);
  }

  /** A number from a vendor string; blank or "-" (KRX's missing value) is null. */
  public static Double number(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().replace(",", "");
    if (t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw SourceFailure.rejected("source sent '" + text + "' where a number was expected");
    }
  }
}
