package io.ndc.storage.ingest;

import io.vertx.core.json.JsonObject;

/** The counts of a committed batch, as every ingest address replies them. */
public record BatchResult(long batchId, int accepted, int unchanged, int revised, int rejected) {

  public boolean changedData() {
    return accepted + revised > 0;
  }

  public JsonObject toJson() {
    return new JsonObject().put("batch_id", batchId).put("accepted", accepted).put("unchanged", unchanged)
        .put("revised", revised).put("rejected", rejected);
  }
}
