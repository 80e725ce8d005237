package io.ndc.auth.token;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.auth.AuthSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force protection per account, shared by every auth node through Redis: after {@code max_failures} failed
 * logins (or second-factor attempts) within the window, further attempts are refused with 429 until the window
 * ends. When Redis is down the check lets attempts through (logged): refusing every login would be worse.
 */
public final class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final RedisAPI redis;
  private final String prefix;
  private final int maxFailures;
  private final int windowSeconds;

  public LoginThrottle(Redis redis, AuthSettings settings) {
    this.redis = RedisAPI.api(redis);
    this.prefix = settings.redisPrefix() + "auth:login-failures:";
    this.maxFailures = settings.throttleMaxFailures();
    this.windowSeconds = settings.throttleWindowSeconds();
  }

  private String key(String account) {
    return prefix + account.toLowerCase(Locale.ROOT);
  }

  /** Fails with 429 and {@code retry_after_s} when the account has too many recent failures. */
  public Future<Void> check(String account) {
    String key = key(account);
    return redis.get(key)
        .compose(count -> count != null && count.toInteger() >= maxFailures
            ? redis.ttl(key).compose(ttl -> Future.<Void>failedFuture(tooMany(ttl)))
            : Future.<Void>succeededFuture())
        .recover(e -> {
          if (e instanceof Failure) {
            return Future.failedFuture(e);
          }
          LOG.warn("login throttle unavailable (Redis: {}); allowing the attempt", e.getMessage());
          return Future.succeededFuture();
        });
  }

  private Failure tooMany(Response ttl) {
    long retryAfter = Math.max(1, ttl == null ? windowSeconds : ttl.toLong());
    return new Failure(429, ErrorCode.RATE_LIMIT_EXCEEDED, "too many failed attempts for this account; try again later",
        new JsonObject().put("retry_after_s", retryAfter));
  }

  public void recordFailure(String account) {
    String key = key(account);
    redis.incr(key)
        .compose(count -> count.toInteger() == 1 ? redis.expire(List.of(key, String.valueOf(windowSeconds))) : Future.succeededFuture())
        .onFailure(e -> LOG.warn("cannot record a failed login (Redis: {})", e.getMessage()));
  }

  public void reset(String account) {
    redis.del(List.of(key(account))).onFailure(e -> LOG.warn("cannot reset failed logins (Redis: {})", e.getMessage()));
  }
}
