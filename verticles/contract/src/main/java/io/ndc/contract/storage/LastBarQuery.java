package io.ndc.contract.storage;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code ndc.storage.bars.last}: the newest stored bar time of a symbol at an interval storage keeps (storage refuses
 * weekly and monthly, which it derives), so a collection job fetches from there on. The reply is {@link LastBar}.
 */
public record LastBarQuery(String symbol, BarInterval interval) {

  public LastBarQuery {
    symbol = Fields.symbol(symbol);
    if (interval == null) {
      interval = BarInterval.DAILY;
    }
  }

  public static LastBarQuery fromJson(JsonObject json) {
    return new LastBarQuery(Fields.requiredText(json, "symbol"), BarInterval.parse(Fields.text(json, "interval")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("symbol", symbol).put("interval", interval.id());
  }
}
