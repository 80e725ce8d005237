package io.ndc.gateway.security;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * What token checks need: the issuer and audience tokens must name and the clock leeway ({@code auth.jwt.*}), the
 * bus timeout for fetching keys and revocations, and how many verified tokens are kept
 * ({@code gateway.token_cache_size}).
 */
record TokenSettings(String issuer, String audience, int leewaySeconds, long busTimeoutMs, int cacheSize) {

  static TokenSettings from(JsonObject config) {
    Settings settings = Settings.of(config);
    return new TokenSettings(settings.string("auth.jwt.issuer"), settings.string("auth.jwt.audience"),
        settings.integer("auth.jwt.leeway_s"), settings.longValue("bus.timeout_ms"),
        settings.integer("gateway.token_cache_size"));
  }
}
