package io.ndc.gateway.http;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Refuses the NUL character in request text: PostgreSQL cannot store it in text columns, so it would otherwise come
 * back from a service as a database error. The 400 names the parameter or the body field ({@code rows[3].symbol}).
 */
final class NulCheck {
  private static final char NUL = '\u0000';

  private NulCheck() {
  }

  static void parameter(String name, String value) {
    if (value != null && value.indexOf(NUL) >= 0) {
      throw refused(name);
    }
  }

  static void body(JsonObject body) {
    object("", body);
  }

  private static void object(String path, JsonObject json) {
    for (Map.Entry<String, Object> field : json) {
      String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      parameter(name, field.getKey());
      value(name, field.getValue());
    }
  }

  private static void value(String path, Object value) {
    if (value instanceof String text) {
      parameter(path, text);
    } else if (value instanceof JsonObject json) {
      object(path, json);
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        value(path + "[" + i + "]", array.getValue(i));
      }
    }
  }

  private static Failure refused(String name) {
    return Failure.validation("'" + name + "' contains a NUL character (\\u0000), which text cannot hold",
        new JsonObject().put("field", name));
  }
}
