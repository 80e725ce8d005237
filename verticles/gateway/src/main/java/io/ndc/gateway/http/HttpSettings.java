package io.ndc.gateway.http;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's HTTP settings ({@code http.*}, {@code gateway.ready_timeout_ms}, {@code bus.timeout_ms}, the node's
 * id and version), read once when a gateway verticle starts.
 */
public record HttpSettings(String host, int port, int idleTimeoutSeconds, int drainTimeoutSeconds, long bodyLimitBytes,
    int maxUrlBytes, int maxHeaderBytes, long requestTimeoutMs, long readyTimeoutMs, long busTimeoutMs, String nodeId,
    String nodeVersion) {

  public static HttpSettings from(JsonObject config) {
    Settings settings = Settings.of(config);
    return new HttpSettings(settings.string("http.host"), settings.integer("http.port"),
        settings.integer("http.idle_timeout_s"), settings.integer("http.drain_timeout_s"),
        settings.longValue("http.body_limit_bytes"), settings.integer("http.max_url_bytes"),
        settings.integer("http.max_header_bytes"), settings.longValue("http.request_timeout_s") * 1000,
        settings.longValue("gateway.ready_timeout_ms"), settings.longValue("bus.timeout_ms"), settings.nodeId(),
        settings.string("node.version"));
  }
}
