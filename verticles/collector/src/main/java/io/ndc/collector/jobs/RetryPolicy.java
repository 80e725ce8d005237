package io.ndc.collector.jobs;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter (config {@code collector.retry.*}): attempt n (1-based) that failed waits
 * {@code min(max_delay_ms, first_delay_ms * multiplier^(n-1))}, of which a random half is jitter ("equal jitter"),
 * so retries of many jobs spread out while the delay still grows.
 */
public record RetryPolicy(int maxAttempts, long firstDelayMs, double multiplier, long maxDelayMs) {

  public static RetryPolicy fromConfig(JsonObject config) {
    RetryPolicy policy = new RetryPolicy(
        Settings.of(config).integer("collector.retry.max_attempts"),
        Settings.of(config).longValue("collector.retry.first_delay_ms"),
        Settings.of(config).number("collector.retry.multiplier"),
        Settings.of(config).longValue("collector.retry.max_delay_ms"));
    if (policy.maxAttempts < 1 || policy.firstDelayMs < 1 || policy.multiplier < 1 || policy.maxDelayMs < policy.firstDelayMs) {
      throw new IllegalArgumentException("collector.retry: max_attempts >= 1, first_delay_ms >= 1, multiplier >= 1, max_delay_ms >= first_delay_ms");
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
