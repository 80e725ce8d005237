package io.ndc.collector.source;

import io.vertx.core.Vertx;

/** What an adapter is built from: its definition and the HTTP access (quota, breaker) of its source. */
public record SourceContext(Vertx vertx, SourceDefinition definition, SourceHttp http) {
}
