package io.ndc.collector.source;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What an adapter is built from: its definition, the HTTP access (quota, breaker) of its source and the service
 * configuration (for operator-level limits such as where CSV files may be read).
 */
public record SourceContext(Vertx vertx, SourceDefinition definition, SourceHttp http, JsonObject config) {
}
