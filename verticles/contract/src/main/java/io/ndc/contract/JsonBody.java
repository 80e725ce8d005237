package io.ndc.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * An HTTP request body read as one JSON object, with the errors clients see for bodies that are not: the gateway
 * reads most bodies this way, storage the bar uploads it is given as they came ({@link
 * io.ndc.contract.storage.BarsUpload}), so both answer a bad body alike.
 */
public final class JsonBody {
  private JsonBody() {
  }

  /** An absent or empty body is {@code {}}; malformed JSON or another JSON value than an object is a 400. */
  public static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (DecodeException e) {
      throw Failure.validation(JsonSyntax.describe("request body", e));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Failure.validation("request body must be a JSON object");
    }
    // the copy turns nested maps and lists into JSON objects and arrays, which is how getString and friends read them
    return object.copy();
  }
}
