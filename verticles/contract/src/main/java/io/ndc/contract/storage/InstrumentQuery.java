package io.ndc.contract.storage;

import io.ndc.contract.Fields;
import io.ndc.contract.Page;
import io.vertx.core.json.JsonObject;

/**
 * {@code ndc.storage.instruments.list} ({@code GET /stocks}): instruments of a {@code market} and {@code sector}
 * (both optional, case-insensitive), searched by {@code q} in symbol or name, a page at a time in symbol order.
 */
public record InstrumentQuery(String market, String sector, String q, Page page) {

  public static InstrumentQuery fromJson(JsonObject json) {
    return new InstrumentQuery(Fields.text(json, "market"), Fields.text(json, "sector"), Fields.text(json, "q"),
        Page.fromJson(json));
  }

  public JsonObject toJson() {
    JsonObject json = page.into(new JsonObject());
    Fields.putIfPresent(json, "market", market);
    Fields.putIfPresent(json, "sector", sector);
    return Fields.putIfPresent(json, "q", q);
  }
}
