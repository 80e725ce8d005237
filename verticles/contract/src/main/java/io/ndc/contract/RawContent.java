package io.ndc.contract;

import io.vertx.core.json.JsonObject;

/**
 * A reply that is not JSON data (an SVG chart): {@code {"raw_content_type","raw_body"}} on the bus. The gateway writes
 * it as the HTTP body with that content type instead of the JSON envelope, on routes that allow raw replies.
 */
public record RawContent(String contentType, String body) {
  private static final String TYPE = "raw_content_type";
  private static final String BODY = "raw_body";

  public JsonObject toJson() {
    return new JsonObject().put(TYPE, contentType).put(BODY, body);
  }

  /** The raw content a reply carries, or null for a plain JSON reply. */
  public static RawContent fromReply(Object reply) {
    if (reply instanceof JsonObject json && json.getValue(TYPE) instanceof String type
        && json.getValue(BODY) instanceof String body) {
      return new RawContent(type, body);
    }
    return null;
  }
}
