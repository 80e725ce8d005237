package io.ndc.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.ndc.contract.auth.Roles;
import io.ndc.gateway.http.Caller;
import io.ndc.platform.clients.RedisClients;
import io.ndc.platform.config.Settings;
import io.ndc.platform.health.Breakers;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide request limits: one token bucket per user, API client or (anonymous) IP address, kept in Redis and
 * updated atomically by a Lua script using Redis's clock, so every gateway node draws from the same bucket. The
 * bucket size and refill rate come from the caller's most generous role ({@code gateway.rate_limit.roles.<role>}),
 * {@code gateway.rate_limit.client} for API clients and {@code gateway.rate_limit.anonymous} otherwise. When Redis
 * does not answer in time the request is let through (fail open, logged and counted): an outage of the limiter must
 * not become an outage of the API; after repeated failures a circuit breaker ({@code redis:ratelimit}) skips Redis
 * for a few seconds so requests do not each wait for the timeout.
 *
 * <p>A node does not ask Redis for every request of a busy caller: it takes a lease of several tokens from the shared
 * bucket at once ({@link TokenLeases}) and spends them locally for at most {@code gateway.rate_limit.lease_ms}.
 * Every token still comes out of the one bucket, so the cluster-wide limit holds; a lease only moves when a token is
 * spent by up to the lease time, and small buckets get leases of one token, which is the exact per-request check.
 *
 * <p>The collector limits its vendor calls with another bucket ({@code TokenBucket}, GCRA over a cluster counter).
 * Both stay because they answer different questions: a request over the collector's quota waits for its slot, so one
 * reserved arrival time is all its state; a request over this limit is refused at once with what remains and when
 * the bucket refills (for the rate-limit headers), a lease takes several tokens in one call, and the gateway keeps
 * this state in Redis, whose clock the script reads so the gateway nodes' clocks do not matter.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final String SCRIPT = String.join("\n",
      "local capacity = tonumber(ARGV[1])",
      "local rate = tonumber(ARGV[2])",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')",
      "local tokens = tonumber(state[1])",
      "local ts = tonumber(state[2])",
      "if tokens == nil then tokens = capacity; ts = now end",
      "tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)",
      "local granted = math.min(tonumber(ARGV[3]), math.floor(tokens))",
      "if granted < 0 then granted = 0 end",
      "tokens = tokens - granted",
      "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))",
      "redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)",
      "local retry = 0",
      "if granted == 0 then retry = math.ceil((1 - tokens) * 1000 / rate) end",
      "return {granted, math.floor(tokens), retry, math.ceil((capacity - tokens) * 1000 / rate)}");

  /** A bucket's size and refill rate. */
  public record Limit(int capacity, double perSecond) {
    static Limit from(JsonObject json) {
      return new Limit(json.getInteger("capacity"), json.getDouble("per_second"));
    }
  }

  /** The outcome for one request; {@code enforced} is false when Redis could not be asked. */
  public record Decision(boolean allowed, Limit limit, long remaining, long retryAfterMs, long resetMs, boolean enforced) {
  }

  private final RedisAPI redis;
  private final Redis client;
  private final String prefix;
  private final boolean enabled;
  private final long timeoutMs;
  private final JsonObject roleLimits;
  private final Limit clientLimit;
  private final Limit anonymousLimit;
  private final Counter failOpen = Metrics.registry().counter("ndc.gateway.ratelimit.failopen");
  private final Counter rejected = Metrics.registry().counter("ndc.gateway.ratelimit.rejected");
  private final Counter fetches = Metrics.registry().counter("ndc.gateway.ratelimit.redis.requests");
  private final TokenLeases leases;
  private final AtomicLong lastWarning = new AtomicLong();
  private final CircuitBreaker breaker;
  private volatile String sha;

  public RateLimiter(Vertx vertx, JsonObject config) {
    this.client = RedisClients.create(vertx, config);
    this.redis = RedisAPI.api(client);
    this.prefix = Settings.of(config).string("redis_prefix") + "ratelimit:";
    this.enabled = Settings.of(config).bool("gateway.rate_limit.enabled");
    this.timeoutMs = Settings.of(config).longValue("gateway.rate_limit.timeout_ms");
    this.roleLimits = Settings.of(config).object("gateway.rate_limit.roles");
    this.clientLimit = Limit.from(Settings.of(config).object("gateway.rate_limit.client"));
    this.breaker = Breakers.get(vertx, "redis:ratelimit", new CircuitBreakerOptions()
        .setMaxFailures(5).setTimeout(-1).setResetTimeout(5_000).setFailuresRollingWindow(10_000));
    this.anonymousLimit = Limit.from(Settings.of(config).object("gateway.rate_limit.anonymous"));
    this.leases = new TokenLeases(Settings.of(config).longValue("gateway.rate_limit.lease_ms"), this::fetch);
  }

  /** The bucket a caller draws from and its limit. */
  public Limit limitFor(Caller caller) {
    if (caller.userId() == null) {
      return anonymousLimit;
    }
    if (caller.userId().startsWith("client:")) {
      return clientLimit;
    }
    Limit best = null;
    for (String role : caller.roles()) {
      // every role has its limit in gateway.rate_limit.roles; one without (a role added later) draws as a viewer
      JsonObject conf = roleLimits.getJsonObject(role, roleLimits.getJsonObject(Roles.VIEWER));
      Limit limit = Limit.from(conf);
      if (best == null || limit.perSecond() > best.perSecond()) {
        best = limit;
      }
    }
    return best == null ? anonymousLimit : best;
  }

  public Future<Decision> check(Caller caller, String ip) {
    Limit limit = limitFor(caller);
    if (!enabled) {
      return Future.succeededFuture(new Decision(true, limit, limit.capacity(), 0, 0, false));
    }
    String key = prefix + (caller.userId() != null ? caller.userId() : "ip:" + ip);
    return leases.take(key, limit).onSuccess(d -> {
      if (!d.allowed()) {
        rejected.increment();
      }
    });
  }

  /** Asks the shared bucket for up to {@code tokens} tokens; Redis trouble lets the request through (fail open). */
  private Future<TokenLeases.Grant> fetch(String key, Limit limit, int tokens) {
    fetches.increment();
    // an open breaker skips Redis at once instead of making every request wait for the timeout
    return breaker.<Response>execute(attempt -> run(key, limit, tokens).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(attempt))
        .map(r -> new TokenLeases.Grant(r.get(0).toInteger(), r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong(), true))
        .recover(e -> {
          failOpen.increment();
          long now = System.currentTimeMillis();
          long last = lastWarning.get();
          if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warn("rate limiter cannot reach Redis ({}); letting requests through unlimited", e.getMessage());
          }
          return Future.succeededFuture(TokenLeases.Grant.unenforced());
        });
  }

  private Future<Response> run(String key, Limit limit, int tokens) {
    List<String> args = List.of(key, String.valueOf(limit.capacity()), String.valueOf(limit.perSecond()),
        String.valueOf(tokens));
    String known = sha;
    if (known != null) {
      return redis.evalsha(prepend(known, args)).recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
          ? load().compose(s -> redis.evalsha(prepend(s, args))) : Future.failedFuture(e));
    }
    return load().compose(s -> redis.evalsha(prepend(s, args)));
  }

  private Future<String> load() {
    return redis.script(List.of("LOAD", SCRIPT)).map(r -> {
      sha = r.toString();
      return sha;
    });
  }

  private static List<String> prepend(String sha, List<String> args) {
    return List.of(sha, "1", args.get(0), args.get(1), args.get(2), args.get(3));
  }

  public void close() {
    client.close();
  }
}
