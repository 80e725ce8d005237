package io.ndc.collector.api;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Ids in requests: UUIDs named by a field, with a clear message when malformed. */
final class Ids {
  private Ids() {
  }

  static UUID required(JsonObject body, String field) {
    String text = body.getString(field);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return parse(field, text);
  }

  static UUID optional(JsonObject body, String field) {
    String text = body.getString(field);
    return text == null || text.isBlank() ? null : parse(field, text);
  }

  private static UUID parse(String field, String text) {
    try {
      return UUID.fromString(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be a UUID, not '" + text + "'");
    }
  }
}
