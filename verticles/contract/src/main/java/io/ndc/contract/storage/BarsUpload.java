package io.ndc.contract.storage;

import io.ndc.contract.JsonBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The upload form of {@link StorageAddresses#BARS_INGEST}: {@code {"document":<bytes>,"source"?,"interval"?}}, the
 * JSON text of a {@link BarsIngest} request as an HTTP client sent it ({@code POST /prices:batch}), passed on
 * unread so that storage reads it once, on a worker, straight into columns. {@code source} and {@code interval}
 * given beside the document win over the document's own (the URL's query parameters over the body, as for every
 * route). On the clustered bus the bytes travel as base64.
 */
public record BarsUpload(Buffer document, String source, String interval) {
  public static final String DOCUMENT = "document";

  public BarsUpload {
    document = document == null ? Buffer.buffer() : document;
  }

  /** Whether a {@link StorageAddresses#BARS_INGEST} body is an upload rather than rows. */
  public static boolean isUpload(JsonObject body) {
    // containsKey, not getValue: getValue would write a Buffer out as base64
    return body.containsKey(DOCUMENT) && body.getBuffer(DOCUMENT) != null;
  }

  public static BarsUpload fromJson(JsonObject json) {
    return new BarsUpload(json.getBuffer(DOCUMENT), json.getString("source"), json.getString("interval"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(DOCUMENT, document);
    if (source != null) {
      json.put("source", source);
    }
    if (interval != null) {
      json.put("interval", interval);
    }
    return json;
  }

  /**
   * The request this upload makes, read the plain way (the whole document into JSON objects): what storage falls
   * back to for a document its streaming reader leaves alone, and the reference that reader is tested against.
   */
  public BarsIngest read() {
    JsonObject request = JsonBody.object(document);
    if (source != null) {
      request.put("source", source);
    }
    if (interval != null) {
      request.put("interval", interval);
    }
    return BarsIngest.fromJson(request);
  }
}
