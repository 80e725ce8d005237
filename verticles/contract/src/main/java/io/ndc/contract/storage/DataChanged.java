package io.ndc.contract.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The publication {@link StorageAddresses#DATA_CHANGED}: a committed batch of {@code kind} ({@code bars},
 * {@code rollback}, {@code trades}, {@code trends}, {@code financials}, ...) changed these symbols' rows at
 * {@code interval} (null for data that is not bars) between {@code from} and {@code to} (null: unknown, all of it).
 */
public record DataChanged(long batchId, String kind, List<String> symbols, String interval, Instant from, Instant to) {

  public DataChanged {
    symbols = List.copyOf(symbols);
  }

  public static DataChanged fromJson(JsonObject json) {
    JsonArray symbols = json.getJsonArray("symbols", new JsonArray());
    return new DataChanged(json.getLong("batch_id", 0L), json.getString("kind"),
        symbols.stream().map(String::valueOf).toList(), json.getString("interval"),
        json.getString("from") == null ? null : Instant.parse(json.getString("from")),
        json.getString("to") == null ? null : Instant.parse(json.getString("to")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("batch_id", batchId).put("kind", kind).put("symbols", new JsonArray(symbols))
        .put("interval", interval).put("from", from == null ? null : from.toString())
        .put("to", to == null ? null : to.toString());
  }
}
