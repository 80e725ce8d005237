package io.ndc.contract.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * {@link StorageAddresses#TRENDS_INGEST} and {@link StorageAddresses#FINANCIALS_INGEST}: {@code {"source","rows":[...]}}
 * with the rows of the series (SPEC §7). Each row is checked by storage and refused alone; the source follows
 * {@link BarsIngest#source}.
 */
public record SeriesRows(String source, JsonArray rows) {

  public SeriesRows {
    source = BarsIngest.source(source);
    Objects.requireNonNull(rows, "rows");
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("rows", rows);
  }
}
