package io.ndc.collector.source;

import io.ndc.platform.config.Settings;
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
        .setConnectTimeout(Settings.of(config).integer("collector.http.connect_timeout_ms"))
        .setFollowRedirects(true));
    this.timeoutMs = Settings.of(config).longValue("collector.http.timeout_ms");
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
