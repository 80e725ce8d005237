package io.ndc.contract;

import io.vertx.core.json.JsonObject;

/**
 * A reply that is not JSON data (an SVG chart): {@code {"raw_content_type","raw_body"}} on the bus. The gateway writes
 * it as the HTTP body with that content type instead of the JSON envelope, on routes that allow raw replies.
 */
public record RawContent(String contentType, String body) {
  /**
   * The body is the JSON text of the reply's data, already encoded: the gateway writes it inside the success envelope
   * without decoding it (large answers served from a cache as text). Sent only to callers that asked for it with
   * {@link #ENCODED_REQUEST} {@code true} in the request.
   */
  public static final String ENCODED_DATA = "application/vnd.ndc.data+json";
  /** The request field by which a caller (the gateway) accepts {@link #ENCODED_DATA} replies. */
  public static final String ENCODED_REQUEST = "accept_encoded";
  private static final String TYPE = "raw_content_type";
  private static final String BODY = "raw_body";

  /** Data given as its JSON text ({@link #ENCODED_DATA}). */
  public static RawContent encodedData(String json) {
    return new RawContent(ENCODED_DATA, json);
  }

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
