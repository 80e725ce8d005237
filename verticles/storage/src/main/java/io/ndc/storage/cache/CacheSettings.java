package io.ndc.storage.cache;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * The {@code storage.cache.*} settings: entry lifetime in Redis, the timeout of one Redis call, the near cache's
 * lifetime and size (a TTL of 0 turns it off), and how long the Redis breaker stays open before it tries again.
 */
public record CacheSettings(String prefix, long ttlSeconds, long timeoutMs, long nearTtlMs, int nearMaxEntries,
    long breakerResetMs) {

  public static CacheSettings from(JsonObject config) {
    Settings settings = Settings.of(config);
    return new CacheSettings(settings.string("redis_prefix") + "storage:",
        settings.longValue("storage.cache.ttl_s"),
        settings.longValue("storage.cache.timeout_ms"),
        settings.longValue("storage.cache.near_ttl_ms"),
        settings.integer("storage.cache.near_max_entries"),
        settings.longValue("storage.cache.breaker_reset_ms"));
  }
}
