package io.ndc.platform.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Typed reads of the effective configuration over the built-in defaults, {@code conf/default.json} as the jar
 * carries it: the one place a setting's default is written. A setting the configuration leaves out takes the
 * built-in default, so a node started with an older or partial {@code default.json} (or a test's bare
 * configuration) still runs with the documented values; a setting absent from both, or of the wrong type, fails
 * the start with its path named. Services read their settings once at start into a record of their own
 * ({@code StorageSettings}, {@code AuthSettings}, ...).
 */
public final class Settings {
  private static final JsonObject BUILT_IN = NdcConfig.builtInDefaults();

  private final JsonObject config;

  private Settings(JsonObject config) {
    this.config = config;
  }

  public static Settings of(JsonObject config) {
    return new Settings(config);
  }

  /** The built-in defaults (a copy). */
  public static JsonObject builtIn() {
    return BUILT_IN.copy();
  }

  public String string(String path) {
    return required(path).toString();
  }

  /** A text setting that may be absent everywhere (a password, a key): null when neither layer sets it or it is blank. */
  public String optionalString(String path) {
    Object value = lookup(path);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  public int integer(String path) {
    long value = longValue(path);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid(path, value, "a whole number");
    }
    return (int) value;
  }

  public long longValue(String path) {
    Object value = required(path);
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(path, value, "a whole number");
    }
  }

  public double number(String path) {
    Object value = required(path);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(path, value, "a number");
    }
  }

  public boolean bool(String path) {
    Object value = required(path);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(path, value, "true or false");
  }

  /** A setting in milliseconds ({@code *_ms}). */
  public Duration millis(String path) {
    return Duration.ofMillis(longValue(path));
  }

  /** A setting in seconds ({@code *_s}). */
  public Duration seconds(String path) {
    return Duration.ofSeconds(longValue(path));
  }

  /** An object setting: the configuration's keys over the built-in ones. */
  public JsonObject object(String path) {
    Object builtIn = ConfigPath.get(BUILT_IN, path);
    JsonObject merged = builtIn instanceof JsonObject json ? json.copy() : new JsonObject();
    Object given = ConfigPath.get(config, path);
    if (given != null && !(given instanceof JsonObject)) {
      throw invalid(path, given, "an object");
    }
    return given == null ? merged : merged.mergeIn((JsonObject) given, true);
  }

  /** This node's id: set by the node at start ({@code node.id}); {@code local} for a service started on its own. */
  public String nodeId() {
    String id = optionalString("node.id");
    return id == null ? "local" : id;
  }

  private Object lookup(String path) {
    Object value = ConfigPath.get(config, path);
    return value != null ? value : ConfigPath.get(BUILT_IN, path);
  }

  private Object required(String path) {
    Object value = lookup(path);
    if (value == null) {
      throw new IllegalStateException("setting " + path + " is not set and has no default in conf/default.json");
    }
    return value;
  }

  private static IllegalStateException invalid(String path, Object value, String expected) {
    return new IllegalStateException("setting " + path + " must be " + expected + " (got '" + value + "')");
  }
}
