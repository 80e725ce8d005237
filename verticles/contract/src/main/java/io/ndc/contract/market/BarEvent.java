package io.ndc.contract.market;

import io.vertx.core.json.JsonObject;

/**
 * A live bar as published on {@code ndc.market.bar.<INTERVAL>.<SYMBOL>} and sent to stream clients unchanged (SPEC §6
 * {@code {"type":"bar","interval","symbol","ts","open","high","low","close","volume","final"}}): {@code final} false
 * while the bar's interval is still running.
 */
public record BarEvent(String interval, String symbol, String ts, double open, double high, double low, double close,
    double volume, boolean fin) {

  public JsonObject toJson() {
    return new JsonObject().put("type", "bar").put("interval", interval).put("symbol", symbol).put("ts", ts)
        .put("open", JsonNumbers.of(open)).put("high", JsonNumbers.of(high)).put("low", JsonNumbers.of(low))
        .put("close", JsonNumbers.of(close)).put("volume", JsonNumbers.of(volume)).put("final", fin);
  }

  public static BarEvent fromJson(JsonObject json) {
    return new BarEvent(json.getString("interval"), json.getString("symbol"), json.getString("ts"), json.getDouble("open"),
        json.getDouble("high"), json.getDouble("low"), json.getDouble("close"), json.getDouble("volume"),
        json.getBoolean("final", false));
  }
}
