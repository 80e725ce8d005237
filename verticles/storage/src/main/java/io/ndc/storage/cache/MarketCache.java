package io.ndc.storage.cache;

import io.ndc.platform.clients.RedisClients;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.health.Breakers;
import io.ndc.storage.bars.Interval;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis cache of latest quotes and bar query results, in front of PostgreSQL. Every Redis call goes through the
 * {@code storage.redis} circuit breaker with a short timeout; any Redis failure is a miss, so reads keep answering
 * from PostgreSQL. A committed batch deletes exactly the entries it can have changed: the latest quote of each of
 * its symbols and the cached queries of those symbols whose interval derives from the batch's interval and whose
 * range overlaps the batch's. An invalidation that fails is kept and retried before this node serves from the
 * cache again, and every second in the background, so it is done once Redis is back even if nothing reads; beyond
 * {@value #MAX_PENDING} kept invalidations they are merged into one that drops every entry of their symbols, so an
 * outage under steady ingest costs memory bounded by the number of symbols. Entries also expire
 * ({@code storage.cache.ttl_s}).
 *
 * <p>In front of Redis, the newest answers per symbol (instrument, latest quote) are also kept in this verticle's
 * memory ({@link NearCache}, {@code storage.cache.near_ttl_ms}, {@code storage.cache.near_max_entries}; a TTL of 0
 * turns it off). Every invalidation drops them here at once and, after the Redis keys are gone, on every storage
 * verticle of the cluster through the publication {@value #EVICTED}.
 */
public final class MarketCache {
  private static final Logger LOG = LoggerFactory.getLogger(MarketCache.class);
  /** Storage-internal publication: {@code {"symbols":[...]}} whose near-cache entries every storage verticle drops. */
  static final String EVICTED = "ndc.storage.cache.evicted";
  private static final int MAX_PENDING = 100;
  private static final long PENDING_RETRY_MS = 1000;

  private final RedisAPI redis;
  private final Redis client;
  private final CircuitBreaker breaker;
  private final String prefix;
  private final long ttlSeconds;
  private final long timeoutMs;
  /** Invalidations that failed, shared by every cache user of this node (JSON by id), retried before any read. */
  private final LocalMap<String, String> pending;
  private final Vertx vertx;
  private final NearCache near;
  private final boolean publishEvictions;
  private final MessageConsumer<JsonObject> evictions;
  private final long retryTimer;

  /**
   * What one committed batch changed. {@code interval} null with a range: no bars, only latest quotes (trades,
   * trends, financials); {@code interval} and range null: every entry of the symbols (an instrument edit changes
   * the name in every answer); {@code from}/{@code to} null: the whole history of the interval.
   */
  public record Invalidation(Collection<String> symbols, Interval interval, Instant from, Instant to) {
    JsonObject toJson() {
      return new JsonObject().put("symbols", new JsonArray(List.copyOf(symbols)))
          .put("interval", interval == null ? null : interval.id())
          .put("from", from == null ? null : from.toString()).put("to", to == null ? null : to.toString());
    }

    static Invalidation fromJson(JsonObject json) {
      return new Invalidation(json.getJsonArray("symbols").stream().map(Object::toString).toList(),
          json.getString("interval") == null ? null : Interval.parse(json.getString("interval")),
          json.getString("from") == null ? null : Instant.parse(json.getString("from")),
          json.getString("to") == null ? null : Instant.parse(json.getString("to")));
    }
  }

  /** A cache that writes and invalidates; its reads go to Redis. */
  public MarketCache(Vertx vertx, JsonObject config) {
    this(vertx, config, false);
  }

  /**
   * A cache whose instrument and latest-quote reads are also kept in memory: for the verticles that serve those
   * reads, since every near cache in the cluster handles every eviction.
   */
  public static MarketCache withNearCache(Vertx vertx, JsonObject config) {
    return new MarketCache(vertx, config, true);
  }

  private MarketCache(Vertx vertx, JsonObject config, boolean nearCache) {
    this.client = RedisClients.create(vertx, config);
    this.redis = RedisAPI.api(client);
    this.breaker = Breakers.get(vertx, "storage.redis");
    this.prefix = ConfigPath.string(config, "redis_prefix", "ndc:") + "storage:";
    this.ttlSeconds = ConfigPath.longValue(config, "storage.cache.ttl_s", 300);
    this.timeoutMs = ConfigPath.longValue(config, "storage.cache.timeout_ms", 250);
    this.pending = vertx.sharedData().getLocalMap("ndc.storage.cache.pending." + prefix);
    this.vertx = vertx;
    long nearTtlMs = ConfigPath.longValue(config, "storage.cache.near_ttl_ms", 2000);
    this.publishEvictions = nearTtlMs > 0;
    this.near = nearCache && nearTtlMs > 0 ? new NearCache(nearTtlMs, ConfigPath.integer(config, "storage.cache.near_max_entries", 10_000)) : null;
    this.evictions = near == null ? null : vertx.eventBus().<JsonObject>consumer(EVICTED, message ->
        evictNear(message.body().getJsonArray("symbols").stream().map(Object::toString).toList()));
    this.retryTimer = vertx.setPeriodic(PENDING_RETRY_MS, id -> flushPending());
  }

  public Future<Void> close() {
    vertx.cancelTimer(retryTimer);
    client.close();
    return evictions == null ? Future.succeededFuture() : evictions.unregister();
  }

  /** The latest quote of a symbol (a JSON object or null), cached. */
  public Future<JsonObject> latest(String symbol, Supplier<Future<JsonObject>> load) {
    return nearCached(symbol, prefix + "latest:" + symbol, load);
  }

  /**
   * One instrument with its latest price ({@code GET /stocks/{symbol}}), cached: any change to the symbol's data or
   * to the instrument itself deletes it, like the latest quote.
   */
  public Future<JsonObject> instrument(String symbol, Supplier<Future<JsonObject>> load) {
    return nearCached(symbol, prefix + "instrument:" + symbol, load);
  }

  /** A bar query result, cached under its symbol, interval and range. */
  public Future<JsonObject> bars(String symbol, Interval interval, Instant start, Instant end,
      Supplier<Future<JsonObject>> load) {
    return cached(symbol, prefix + "bars:" + symbol + "|" + interval.id() + "|" + start + "|" + end, load);
  }

  /** Deletes what a committed batch changed; never fails (a Redis failure leaves the work pending). */
  public Future<Void> invalidate(Invalidation change) {
    evictNear(change.symbols());
    return delete(change).recover(e -> {
      LOG.warn("cache invalidation failed, retried before the next cached read: {}", e.getMessage());
      pending.put(UUID.randomUUID().toString(), change.toJson().encode());
      if (pending.size() > MAX_PENDING) {
        mergePending();
      }
      return Future.succeededFuture();
    }).onComplete(v -> {
      // after the Redis keys are gone: a near-cache load that read them before is dropped by this second eviction
      if (publishEvictions && !change.symbols().isEmpty()) {
        vertx.eventBus().publish(EVICTED, new JsonObject().put("symbols", new JsonArray(List.copyOf(change.symbols()))));
      }
    });
  }

  private void evictNear(Collection<String> symbols) {
    if (near == null) {
      return;
    }
    List<String> keys = new ArrayList<>(symbols.size() * 2);
    for (String symbol : symbols) {
      keys.add(prefix + "latest:" + symbol);
      keys.add(prefix + "instrument:" + symbol);
    }
    near.evict(symbols, keys);
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
    return flushPending()
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
    String index = prefix + "idx:" + symbol;
    call(() -> redis.set(List.of(key, new JsonObject().put("v", value).encode(), "EX", Long.toString(ttlSeconds)))
        .compose(ok -> redis.sadd(List.of(index, key)))
        .compose(ok -> redis.expire(List.of(index, Long.toString(ttlSeconds * 2)))))
        .onFailure(e -> LOG.debug("cache store of {} failed: {}", key, e.getMessage()));
  }

  /**
   * Replaces the kept invalidations by one that drops every entry of all their symbols. Each is taken out by its own
   * remove, so one kept meanwhile by another verticle of this node is never lost.
   */
  private void mergePending() {
    Set<String> symbols = new TreeSet<>();
    for (String id : List.copyOf(pending.keySet())) {
      String change = pending.remove(id);
      if (change != null) {
        symbols.addAll(Invalidation.fromJson(new JsonObject(change)).symbols());
      }
    }
    pending.put(UUID.randomUUID().toString(), new Invalidation(symbols, null, null, null).toJson().encode());
  }

  private Future<Void> flushPending() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> retried = new ArrayList<>();
    for (String id : List.copyOf(pending.keySet())) {
      String change = pending.get(id);
      if (change != null) {
        retried.add(delete(Invalidation.fromJson(new JsonObject(change))).onSuccess(v -> pending.remove(id)));
      }
    }
    return Future.all(retried).mapEmpty();
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
    symbols.forEach(symbol -> reads.add(Request.cmd(Command.SMEMBERS).arg(prefix + "idx:" + symbol)));
    return call(() -> client.batch(reads)).compose(indexes -> {
      List<String> doomed = new ArrayList<>();
      List<Request> writes = new ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        String symbol = symbols.get(i);
        // these two show the newest data of the symbol: every change deletes them
        doomed.add(prefix + "latest:" + symbol);
        doomed.add(prefix + "instrument:" + symbol);
        Request srem = Request.cmd(Command.SREM).arg(prefix + "idx:" + symbol);
        boolean stale = false;
        for (Response member : indexes.get(i)) {
          String key = member.toString();
          if (affected(key, change)) {
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

  /** Whether a cached query key ({@code bars:SYMBOL|interval|start|end}) can show rows of the change. */
  static boolean affected(String key, Invalidation change) {
    int at = key.indexOf("storage:bars:");
    if (at < 0) {
      return false;
    }
    if (change.interval() == null) {
      return change.from() == null && change.to() == null;
    }
    String[] parts = key.substring(at + "storage:bars:".length()).split("\\|");
    Interval queried = Interval.parse(parts[1]);
    if (!derivesFrom(queried, change.interval())) {
      return false;
    }
    if (change.from() == null) {
      return true;
    }
    Instant start = Instant.parse(parts[2]);
    Instant end = Instant.parse(parts[3]);
    return !change.from().isAfter(end) && !change.to().isBefore(start);
  }

  /** A query at {@code queried} reads bars stored at {@code stored}: itself, and the coarser derived intervals. */
  static boolean derivesFrom(Interval queried, Interval stored) {
    if (queried == stored) {
      return true;
    }
    if (stored == Interval.DAILY) {
      return queried == Interval.WEEKLY || queried == Interval.MONTHLY;
    }
    return stored == Interval.M1 && queried.intraday();
  }

  private <T> Future<T> call(Supplier<Future<T>> operation) {
    return breaker.execute(() -> operation.get().timeout(timeoutMs, TimeUnit.MILLISECONDS));
  }
}
