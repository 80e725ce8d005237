package io.ndc.platform.config;

import io.vertx.core.json.JsonObject;

/** Dotted paths into a nested configuration object ("pg.url"); typed reads with defaults are {@link Settings}. */
public final class ConfigPath {
  private ConfigPath() {
  }

  public static Object get(JsonObject config, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = config;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = node.getValue(parts[i]);
      if (!(next instanceof JsonObject child)) {
        return null;
      }
      node = child;
    }
    return node.getValue(parts[parts.length - 1]);
  }

  /** Sets a value, creating the intermediate objects. */
  public static void put(JsonObject config, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = config;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = node.getValue(parts[i]);
      if (!(next instanceof JsonObject)) {
        next = new JsonObject();
        node.put(parts[i], next);
      }
      node = (JsonObject) next;
    }
    node.put(parts[parts.length - 1], value);
  }
}
