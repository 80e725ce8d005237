package io.ndc.contract.market;

import io.vertx.core.json.JsonObject;

/**
 * A live trade as published on {@code ndc.market.trade.<SYMBOL>} and sent to stream clients unchanged (SPEC §6
 * {@code {"type":"trade","symbol","price","size","ts","seq"}}); {@code ts} an ISO-8601 instant.
 */
public record TradeEvent(String symbol, double price, double size, String ts, long seq) {

  public JsonObject toJson() {
    return new JsonObject().put("type", "trade").put("symbol", symbol).put("price", JsonNumbers.of(price))
        .put("size", JsonNumbers.of(size)).put("ts", ts).put("seq", seq);
  }

  public static TradeEvent fromJson(JsonObject json) {
    return new TradeEvent(json.getString("symbol"), json.getDouble("price"), json.getDouble("size"), json.getString("ts"),
        json.getLong("seq"));
  }
}
