package io.ndc.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** Copies a configuration with secrets replaced, so it can be printed or logged. */
public final class SecretMasking {
  static final String MASK = "****";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|api_key|apikey|token|private_key|secret_key)$");
  private static final Pattern URL_PASSWORD = Pattern.compile("^([a-z][a-z0-9+.-]*://[^:/@]+:)([^@]*)(@.*)$", Pattern.CASE_INSENSITIVE);

  private SecretMasking() {
  }

  public static JsonObject mask(JsonObject config) {
    JsonObject out = new JsonObject();
    config.forEach(e -> out.put(e.getKey(), maskValue(e.getKey(), e.getValue())));
    return out;
  }

  private static Object maskValue(String key, Object value) {
    if (value instanceof JsonObject json) {
      return mask(json);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(v -> copy.add(maskValue(key, v)));
      return copy;
    }
    if (value instanceof String s) {
      if (SECRET_KEY.matcher(key).matches() && !s.isEmpty()) {
        return MASK;
      }
      return URL_PASSWORD.matcher(s).replaceFirst("$1" + MASK + "$3");
    }
    return value;
  }
}
