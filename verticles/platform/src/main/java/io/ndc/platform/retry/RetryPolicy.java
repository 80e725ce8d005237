package io.ndc.platform.retry;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, read from a settings object ({@code collector.retry}, {@code notification.retry}:
 * {@code max_attempts}, {@code first_delay_ms}, {@code multiplier}, {@code max_delay_ms}, defaults in
 * {@code conf/default.json}): attempt n (1-based) that failed waits {@code min(max_delay_ms, first_delay_ms *
 * multiplier^(n-1))}, of which a random half is jitter ("equal jitter"), so retries of many messages spread out while
 * the delay still grows.
 */
public record RetryPolicy(int maxAttempts, long firstDelayMs, double multiplier, long maxDelayMs) {

  /** The policy under {@code path} (e.g. {@code "notification.retry"}); nonsense values fail with the path named. */
  public static RetryPolicy fromConfig(JsonObject config, String path) {
    Settings settings = Settings.of(config);
    RetryPolicy policy = new RetryPolicy(
        settings.integer(path + ".max_attempts"),
        settings.longValue(path + ".first_delay_ms"),
        settings.number(path + ".multiplier"),
        settings.longValue(path + ".max_delay_ms"));
    if (policy.maxAttempts < 1 || policy.firstDelayMs < 1 || policy.multiplier < 1 || policy.maxDelayMs < policy.firstDelayMs) {
      throw new IllegalArgumentException(path + ": max_attempts >= 1, first_delay_ms >= 1, multiplier >= 1, max_delay_ms >= first_delay_ms");
    }
    return policy;
  }

  /** The ceiling of the delay after failed attempt {@code attempt}. */
  public long baseDelayMs(int attempt) {
    double delay = firstDelayMs * Math.pow(multiplier, Math.max(0, attempt - 1));
    return (long) Math.min(maxDelayMs, delay);
  }

  /** The delay after failed attempt {@code attempt}, jittered within [base/2, base]. */
  public long delayMs(int attempt) {
    long base = baseDelayMs(attempt);
    long half = base / 2;
    return half + ThreadLocalRandom.current().nextLong(base - half + 1);
  }

  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
