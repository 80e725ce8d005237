package io.ndc.storage.ingest;

import io.vertx.core.json.JsonObject;

/** A refused input row: its 1-based position in the upload, its symbol when readable, why, and the row as sent. */
public record Rejection(int index, String symbol, String reason, JsonObject raw) {
}
