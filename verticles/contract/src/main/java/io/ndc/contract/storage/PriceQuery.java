package io.ndc.contract.storage;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code ndc.storage.bars.query} ({@code GET /stocks/{symbol}/prices}): one symbol's bars at {@code interval}
 * (default daily) from {@code start_date} to {@code end_date}, both inclusive and optional (dates, instants or epoch
 * numbers, read by storage), as known at {@code as_of} when given. The reply is
 * {@code {"symbol","name","interval","prices":[{date|ts, open, high, low, close, volume, change}]}}.
 */
public record PriceQuery(String symbol, BarInterval interval, String startDate, String endDate, String asOf) {

  public PriceQuery {
    symbol = Fields.symbol(symbol);
    if (interval == null) {
      interval = BarInterval.DAILY;
    }
  }

  public static PriceQuery fromJson(JsonObject json) {
    return new PriceQuery(Fields.requiredText(json, "symbol"), BarInterval.parse(Fields.text(json, "interval")),
        Fields.text(json, "start_date"), Fields.text(json, "end_date"), Fields.text(json, "as_of"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("symbol", symbol).put("interval", interval.id());
    Fields.putIfPresent(json, "start_date", startDate);
    Fields.putIfPresent(json, "end_date", endDate);
    return Fields.putIfPresent(json, "as_of", asOf);
  }
}
