package io.ndc.collector.source;

import io.vertx.core.json.JsonObject;

/**
 * A registered source as adapters see it: the API key is in clear here and only here (it is sealed at rest and
 * never leaves the service). {@code params} holds the type-specific settings (e.g. a simulated source's symbols).
 */
public record SourceDefinition(String id, String type, String baseUrl, String apiKey, int quotaPerMinute, JsonObject params) {
}
