package io.ndc.platform.clients;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/** An external dependency a service may need, with the settings that point at it. */
public enum Dependency {
  POSTGRES("postgres", "PostgreSQL", "pg.url", "NDC_PG_URL", 5432),
  REDIS("redis", "Redis", "redis.url", "NDC_REDIS_URL", 6379),
  RABBITMQ("rabbitmq", "RabbitMQ", "amqp.url", "NDC_AMQP_URL", 5672);

  private final String id;
  private final String product;
  private final String configPath;
  private final String environmentVariable;
  private final int defaultPort;

  Dependency(String id, String product, String configPath, String environmentVariable, int defaultPort) {
    this.id = id;
    this.product = product;
    this.configPath = configPath;
    this.environmentVariable = environmentVariable;
    this.defaultPort = defaultPort;
  }

  public String id() {
    return id;
  }

  public String url(JsonObject config) {
    String url = Settings.of(config).optionalString(configPath);
    if (url == null) {
      throw new IllegalStateException(product + " is not configured: set " + environmentVariable + " or " + configPath);
    }
    return url;
  }

  public String host(JsonObject config) {
    String host = URI.create(url(config)).getHost();
    return host == null ? "127.0.0.1" : host;
  }

  public int port(JsonObject config) {
    int port = URI.create(url(config)).getPort();
    return port < 0 ? defaultPort : port;
  }

  /** The start-up failure text: what is unreachable, where, and which setting to change. */
  public IllegalStateException unreachable(JsonObject config, Throwable cause) {
    String reason = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    return new IllegalStateException(product + " at " + host(config) + ":" + port(config) + " is unreachable (" + reason
        + "); start it or point " + environmentVariable + " (config " + configPath + ") at a running server", cause);
  }
}
