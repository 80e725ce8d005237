package io.ndc.contract.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * {@link StorageAddresses#TRADES_INGEST}: {@code {"source","trades":[{"symbol","ts","price","size","seq"?}]}}. Each
 * trade is checked by storage and refused alone; the source follows {@link BarsIngest#source}.
 */
public record TradesIngest(String source, JsonArray trades) {

  public TradesIngest {
    source = BarsIngest.source(source);
    Objects.requireNonNull(trades, "trades");
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("trades", trades);
  }
}
