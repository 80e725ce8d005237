package io.ndc.collector.source;

import io.ndc.platform.config.ConfigPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Builds adapters for source definitions, wiring each to its source's quota, breaker and status. */
public final class Adapters {
  private final Vertx vertx;
  private final WebClient client;
  private final long timeoutMs;
  private final JsonObject config;

  public Adapters(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("ndc-collector")
        .setConnectTimeout(ConfigPath.integer(config, "collector.http.connect_timeout_ms", 5000))
        .setFollowRedirects(true));
    this.timeoutMs = ConfigPath.longValue(config, "collector.http.timeout_ms", 30_000);
  }

  public SourceAdapter adapter(SourceDefinition definition) {
    SourceHttp http = new SourceHttp(client, SourceHttp.breaker(vertx, definition.id()), quota(definition),
        SourceStatus.of(definition.id()), timeoutMs);
    return SourceTypes.create(new SourceContext(vertx, definition, http, config));
  }

  public SourceQuota quota(SourceDefinition definition) {
    return new SourceQuota(vertx, definition.id(), definition.quotaPerMinute(), definition.quotaBurst());
  }

  public void close() {
    client.close();
  }
}
