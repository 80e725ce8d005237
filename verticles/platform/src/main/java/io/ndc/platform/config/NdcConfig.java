package io.ndc.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the effective configuration in layers: {@code conf/default.json} &lt; {@code conf/PROFILE.json} &lt;
 * {@code --conf FILE} &lt; {@code NDC_*} environment &lt; command line. Later layers are deep-merged over earlier ones.
 */
public final class NdcConfig {
  /** Environment variables documented in the README, and the config path each one sets. */
  public static final Map<String, String> ENVIRONMENT = environmentMapping();

  /** {@code NDC__a__b=v} sets path {@code a.b} for settings without a named variable. */
  public static final String GENERIC_PREFIX = "NDC__";

  private NdcConfig() {
  }

  private static Map<String, String> environmentMapping() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("NDC_SERVICES", "services");
    m.put("NDC_CLUSTER", "cluster.enabled");
    m.put("NDC_CLUSTER_MEMBERS", "cluster.members");
    m.put("NDC_CLUSTER_PORT", "cluster.port");
    m.put("NDC_CLUSTER_HOST", "cluster.host");
    m.put("NDC_HTTP_PORT", "http.port");
    m.put("NDC_BRIDGE_PORT", "bridge.port");
    m.put("NDC_DEMO", "demo");
    m.put("NDC_PG_URL", "pg.url");
    m.put("NDC_REDIS_URL", "redis.url");
    m.put("NDC_AMQP_URL", "amqp.url");
    m.put("NDC_ADMIN_EMAIL", "auth.admin.email");
    m.put("NDC_ADMIN_PASSWORD", "auth.admin.password");
    m.put("NDC_SECRET_KEY", "security.secret_key");
    return Map.copyOf(m);
  }

  /**
   * @param confDir folder holding {@code default.json} and profiles; when it lacks them the classpath
   *     {@code conf/} is used (the jar carries the repository's conf/)
   */
  public static JsonObject load(Path confDir, String profile, Path confFile, Map<String, String> env, JsonObject commandLine) {
    JsonObject config = readLayer(confDir, "default.json", true);
    if (profile != null && !profile.isBlank()) {
      config.mergeIn(readLayer(confDir, profile + ".json", false), true);
    }
    if (confFile != null) {
      config.mergeIn(readFile(confFile), true);
    }
    config.mergeIn(fromEnvironment(env), true);
    config.mergeIn(commandLine, true);
    return config;
  }

  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject layer = new JsonObject();
    env.forEach((name, value) -> {
      String path = ENVIRONMENT.get(name);
      if (path == null && name.startsWith(GENERIC_PREFIX) && name.length() > GENERIC_PREFIX.length()) {
        path = name.substring(GENERIC_PREFIX.length()).toLowerCase().replace("__", ".");
      }
      if (path != null) {
        ConfigPath.put(layer, path, scalar(value));
      }
    });
    return layer;
  }

  /** Environment and command-line values are text; numbers and booleans become what they look like. */
  public static Object scalar(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    if (v.matches("-?\\d{1,18}")) {
      return Long.parseLong(v);
    }
    return value;
  }

  /** {@code conf/default.json} from the classpath (the platform jar carries the repository's conf/). */
  static JsonObject builtInDefaults() {
    try (InputStream in = NdcConfig.class.getClassLoader().getResourceAsStream("conf/default.json")) {
      if (in == null) {
        throw new IllegalStateException("conf/default.json is not on the classpath (the platform jar carries it)");
      }
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject readLayer(Path confDir, String name, boolean required) {
    if (confDir != null && Files.isRegularFile(confDir.resolve(name))) {
      return readFile(confDir.resolve(name));
    }
    try (InputStream in = NdcConfig.class.getClassLoader().getResourceAsStream("conf/" + name)) {
      if (in != null) {
        return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (required) {
      throw new IllegalStateException("configuration conf/" + name + " not found in " + confDir + " nor on the classpath");
    }
    throw new IllegalArgumentException("profile file conf/" + name + " not found (--profile / NDC_PROFILE)");
  }

  @SuppressWarnings("unchecked")
  static JsonObject readFile(Path file) {
    try {
      String text = Files.readString(file);
      String name = file.getFileName().toString().toLowerCase();
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
        return map == null ? new JsonObject() : new JsonObject(map);
      }
      return new JsonObject(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("configuration file " + file + " is not valid JSON/YAML: " + e.getMessage(), e);
    }
  }
}
