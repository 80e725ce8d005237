package io.ndc.platform.config;

import io.vertx.core.json.JsonObject;

/** Dotted paths into a nested configuration object ("pg.url"). */
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

  public static String string(JsonObject config, String path, String fallback) {
    Object value = get(config, path);
    return value == null ? fallback : value.toString();
  }

  public static int integer(JsonObject config, String path, int fallback) {
    Object value = get(config, path);
    if (value instanceof Number n) {
      return n.intValue();
    }
    return value == null ? fallback : Integer.parseInt(value.toString().trim());
  }

  public static long longValue(JsonObject config, String path, long fallback) {
    Object value = get(config, path);
    if (value instanceof Number n) {
      return n.longValue();
    }
    return value == null ? fallback : Long.parseLong(value.toString().trim());
  }

  public static boolean bool(JsonObject config, String path, boolean fallback) {
    Object value = get(config, path);
    if (value instanceof Boolean b) {
      return b;
    }
    return value == null ? fallback : Boolean.parseBoolean(value.toString().trim());
  }

  public static JsonObject object(JsonObject config, String path) {
    Object value = get(config, path);
    return value instanceof JsonObject json ? json : new JsonObject();
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
