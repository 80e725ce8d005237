package io.ndc.collector.source;

import io.vertx.core.json.JsonObject;

/**
 * A registered source as adapters see it: the API key is in clear here and only here (it is sealed at rest and
 * never leaves the service). {@code params} holds the type-specific settings (e.g. a simulated source's symbols).
 * {@code quotaPerMinute} requests a minute refill a bucket of {@code quotaBurst} (see {@link TokenBucket}).
 */
public record SourceDefinition(String id, String type, String baseUrl, String apiKey, int quotaPerMinute, int quotaBurst,
                               JsonObject params) {

  /** A source with the default burst for its quota. */
  public SourceDefinition(String id, String type, String baseUrl, String apiKey, int quotaPerMinute, JsonObject params) {
    this(id, type, baseUrl, apiKey, quotaPerMinute, TokenBucket.defaultCapacity(quotaPerMinute), params);
  }
}
