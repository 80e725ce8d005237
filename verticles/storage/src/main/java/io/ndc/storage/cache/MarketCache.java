package io.ndc.storage.cache;

import io.ndc.platform.clients.RedisClients;
import io.ndc.platform.health.Breakers;
import io.ndc.storage.bars.Interval;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis cache of latest quotes and bar query results, in front of PostgreSQL. Every Redis call goes through the
 * {@code storage.redis} circuit breaker with a short timeout; any Redis failure is a miss, so reads keep answering
 * from PostgreSQL. A committed batch deletes exactly the entries it can have changed ({@link CacheKeys#affected}):
 * the latest quote of each of its symbols and the cached queries of those symbols whose interval derives from the
 * batch's interval and whose range overlaps the batch's. An invalidation that fails is kept
 * ({@link PendingInvalidations}) and retried before this node serves from the cache again, and every second in the
 * background, so it is done once Redis is back even if nothing reads. Entries also expire ({@code storage.cache.ttl_s}).
 *
 * <p>In front of Redis, the newest answers per symbol (instrument, latest quote) may also be kept in this
 * verticle's memory ({@link NearCache}), kept in step across the cluster by {@link NearEvictions}.
 *
 * <p>One instance, with its own Redis client, per verticle: the client's connections then live on that verticle's
 * event loop and a slow Redis call of one verticle never queues behind another's.
 */
public final class MarketCache {
  private static final Logger LOG = LoggerFactory.getLogger(MarketCache.class);
  private static final long PENDING_RETRY_MS = 1000;

  private final Vertx vertx;
  private final Redis client;
  private final RedisAPI redis;
  private final CircuitBreaker breaker;
  private final CacheSettings settings;
  private final CacheKeys keys;
  private final PendingInvalidations pending;
  private final NearCache near;
  private final NearEvictions evictions;
  private final long retryTimer;

  /** A cache that writes and invalidates; its reads go to Redis. */
  public MarketCache(Vertx vertx, JsonObject config) {
    this(vertx, CacheSettings.from(config), config, false);
  }

  /**
   * A cache whose instrument and latest-quote reads are also kept in memory: for the verticles that serve those
   * reads, since every near cache in the cluster handles every eviction.
   */
  public static MarketCache withNearCache(Vertx vertx, JsonObject config) {
    return new MarketCache(vertx, CacheSettings.from(config), config, true);
  }

  private MarketCache(Vertx vertx, CacheSettings settings, JsonObject config, boolean nearCache) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = RedisClients.create(vertx, config);
    this.redis = RedisAPI.api(client);
    this.breaker = Breakers.get(vertx, "storage.redis", new CircuitBreakerOptions().setMaxFailures(5).setTimeout(-1)
        .setResetTimeout(settings.breakerResetMs()).setFailuresRollingWindow(10_000));
    this.keys = new CacheKeys(settings.prefix());
    this.pending = new PendingInvalidations(vertx, settings.prefix());
    boolean nearOn = settings.nearTtlMs() > 0;
    this.near = nearCache && nearOn ? new NearCache(settings.nearTtlMs(), settings.nearMaxEntries()) : null;
    this.evictions = new NearEvictions(vertx, keys, near, nearOn);
    this.retryTimer = vertx.setPeriodic(PENDING_RETRY_MS, id -> pending.retry(this::delete));
  }

  public Future<Void> close() {
    vertx.cancelTimer(retryTimer);
    client.close();
    return evictions.close();
  }

  /** The latest quote of a symbol (a JSON object or null), cached. */
  public Future<JsonObject> latest(String symbol, Supplier<Future<JsonObject>> load) {
    return nearCached(symbol, keys.latest(symbol), load);
  }

  /**
   * One instrument with its latest price ({@code GET /stocks/{symbol}}), cached: any change to the symbol's data or
   * to the instrument itself deletes it, like the latest quote.
   */
  public Future<JsonObject> instrument(String symbol, Supplier<Future<JsonObject>> load) {
    return nearCached(symbol, keys.instrument(symbol), load);
  }

  /** A bar query result, cached under its symbol, interval and range. */
  public Future<JsonObject> bars(String symbol, Interval interval, Instant start, Instant end,
      Supplier<Future<JsonObject>> load) {
    return cached(symbol, keys.bars(symbol, interval, start, end), load);
  }

  /** Deletes what a committed batch changed; never fails (a Redis failure leaves the work pending). */
  public Future<Void> invalidate(Invalidation change) {
    evictions.evictHere(change.symbols());
    return delete(change).recover(e -> {
      LOG.warn("cache invalidation failed, retried before the next cached read: {}", e.getMessage());
      pending.keep(change);
      return Future.succeededFuture();
    }).onComplete(v -> evictions.evictEverywhere(change.symbols()));
  }

  private Future<JsonObject> nearCached(String symbol, String key, Supplier<Future<JsonObject>> load) {
    if (near == null) {
      return cached(symbol, key, load);
    }
    JsonObject hit = near.get(key);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    long generation = near.generation(symbol);
    return cached(symbol, key, load).onSuccess(value -> near.put(symbol, key, value, generation));
  }

  private Future<JsonObject> cached(String symbol, String key, Supplier<Future<JsonObject>> load) {
    return pending.retry(this::delete)
        .compose(v -> call(() -> redis.get(key)))
        .transform(hit -> {
          if (hit.succeeded() && hit.result() != null) {
            return Future.succeededFuture(new JsonObject(hit.result().toString()).getJsonObject("v"));
          }
          boolean redisUp = hit.succeeded();
          return load.get().onSuccess(value -> {
            if (redisUp) {
              store(symbol, key, value);
            }
          });
        });
  }

  private void store(String symbol, String key, JsonObject value) {
    String index = keys.index(symbol);
    String ttl = Long.toString(settings.ttlSeconds());
    call(() -> redis.set(List.of(key, new JsonObject().put("v", value).encode(), "EX", ttl))
        .compose(ok -> redis.sadd(List.of(index, key)))
        .compose(ok -> redis.expire(List.of(index, Long.toString(settings.ttlSeconds() * 2)))))
        .onFailure(e -> LOG.debug("cache store of {} failed: {}", key, e.getMessage()));
  }

  /**
   * Two pipelined round trips whatever the number of symbols (a daily batch touches hundreds): every symbol's
   * index of cached queries, then one UNLINK of the doomed keys with the SREMs of the stale index members.
   */
  private Future<Void> delete(Invalidation change) {
    List<String> symbols = List.copyOf(change.symbols());
    if (symbols.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> reads = new ArrayList<>(symbols.size());
    symbols.forEach(symbol -> reads.add(Request.cmd(Command.SMEMBERS).arg(keys.index(symbol))));
    return call(() -> client.batch(reads)).compose(indexes -> {
      List<String> doomed = new ArrayList<>();
      List<Request> writes = new ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        String symbol = symbols.get(i);
        // these two show the newest data of the symbol: every change deletes them
        doomed.add(keys.latest(symbol));
        doomed.add(keys.instrument(symbol));
        Request srem = Request.cmd(Command.SREM).arg(keys.index(symbol));
        boolean stale = false;
        for (Response member : indexes.get(i)) {
          String key = member.toString();
          if (keys.affected(key, change)) {
            doomed.add(key);
            srem.arg(key);
            stale = true;
          }
        }
        if (stale) {
          writes.add(srem);
        }
      }
      Request unlink = Request.cmd(Command.UNLINK);
      doomed.forEach(unlink::arg);
      writes.add(0, unlink);
      return call(() -> client.batch(writes));
    }).mapEmpty();
  }

  private <T> Future<T> call(Supplier<Future<T>> operation) {
    return breaker.execute(() -> operation.get().timeout(settings.timeoutMs(), TimeUnit.MILLISECONDS));
  }
}
