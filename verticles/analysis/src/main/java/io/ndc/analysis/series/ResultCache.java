package io.ndc.analysis.series;

import io.ndc.platform.clients.RedisClients;
import io.ndc.platform.config.Settings;
import io.ndc.platform.health.Breakers;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computed answers in Redis, keyed by the data version of the series they were computed from
 * ({@link LoadedSeries#version()}) and the request: a revision, rollback or new bar gives the series another version,
 * so the next answer is computed afresh, on every node, without deleting anything (old entries expire after
 * {@code analysis.cache.ttl_s}). Every call goes through the {@code analysis.redis} breaker with a short timeout
 * ({@code analysis.cache.timeout_ms}); Redis down is a miss and the answer is computed, never an error. In front of
 * Redis, the answers this verticle gave last are kept as text in memory ({@code analysis.cache.near_max_chars} in all,
 * least recently used out): keys carry the data version, so nothing there can be stale.
 */
public final class ResultCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);

  private final Redis client;
  private final RedisAPI redis;
  private final CircuitBreaker breaker;
  private final String prefix;
  private final long ttlSeconds;
  private final long timeoutMs;
  private final long nearMaxChars;
  private final LinkedHashMap<String, String> near = new LinkedHashMap<>(16, 0.75f, true);
  private long nearChars;

  public ResultCache(Vertx vertx, JsonObject config) {
    this.client = RedisClients.create(vertx, config);
    this.redis = RedisAPI.api(client);
    this.breaker = Breakers.get(vertx, "analysis.redis");
    this.prefix = Settings.of(config).string("redis_prefix") + "analysis:";
    this.ttlSeconds = Settings.of(config).longValue("analysis.cache.ttl_s");
    this.timeoutMs = Settings.of(config).longValue("analysis.cache.timeout_ms");
    this.nearMaxChars = Settings.of(config).longValue("analysis.cache.near_max_chars");
  }

  public void close() {
    client.close();
  }

  /** The key of an answer of {@code kind} over {@code series} for the request written as {@code request}. */
  public String key(String kind, LoadedSeries series, String request) {
    return prefix + kind + ":" + series.symbol() + ":" + series.interval().id() + ":"
        + Long.toHexString(series.version()) + ":" + request;
  }

  /** The cached answer under {@code key}, or {@code compute}'s, which is then stored when Redis answered the read. */
  public Future<JsonObject> cached(String key, Supplier<Future<JsonObject>> compute) {
    return cachedText(key, () -> compute.get().map(JsonObject::encode)).map(JsonObject::new);
  }

  /** {@link #cached} of the answer's JSON text, as stored (no decoding on a hit). */
  public Future<String> cachedText(String key, Supplier<Future<String>> compute) {
    String hot = near.get(key);
    if (hot != null) {
      return Future.succeededFuture(hot);
    }
    return call(() -> redis.get(key)).transform(hit -> {
      if (hit.succeeded() && hit.result() != null) {
        return Future.succeededFuture(keep(key, hit.result().toString()));
      }
      boolean redisUp = hit.succeeded();
      return compute.get().onSuccess(value -> {
        keep(key, value);
        if (redisUp) {
          call(() -> redis.set(List.of(key, value, "EX", Long.toString(ttlSeconds))))
              .onFailure(e -> LOG.debug("analysis cache store of {} failed: {}", key, e.getMessage()));
        }
      });
    });
  }

  private String keep(String key, String value) {
    if (value.length() > nearMaxChars / 4) {
      return value;
    }
    String old = near.put(key, value);
    nearChars += value.length() - (old == null ? 0 : old.length());
    Iterator<String> eldest = near.values().iterator();
    while (nearChars > nearMaxChars && eldest.hasNext()) {
      nearChars -= eldest.next().length();
      eldest.remove();
    }
    return value;
  }

  private <T> Future<T> call(Supplier<Future<T>> operation) {
    return breaker.execute(() -> operation.get().timeout(timeoutMs, TimeUnit.MILLISECONDS));
  }
}
