package io.ndc.collector.source;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.ndc.platform.metrics.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node saw of a source: time of its last message (freshness) and reconnects of its live feed, exported as
 * {@code ndc_source_freshness_seconds} and {@code ndc_source_reconnects_total}. The feed owner also writes them to
 * the {@code sources} table so {@code GET /sources} shows them from any node. Quota use
 * ({@code ndc_source_quota_used}) is the cluster-wide bucket as this node last read it, refilled for the time since.
 */
public final class SourceStatus {
  private static final Map<String, SourceStatus> BY_SOURCE = new ConcurrentHashMap<>();

  private final AtomicLong lastMessageMillis = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile TokenBucket quotaBucket;
  private final AtomicLong quotaTat = new AtomicLong();
  private final Counter reconnectCounter;

  private SourceStatus(String sourceId) {
    Gauge.builder("ndc_source_freshness_seconds", this, SourceStatus::freshnessSeconds)
        .description("seconds since the source's last message (NaN before the first)")
        .tag("source", sourceId)
        .register(Metrics.registry());
    Gauge.builder("ndc_source_quota_used", this, SourceStatus::quotaUsed)
        .description("tokens in use in the source's cluster-wide quota bucket (at burst the next request waits), as this node last saw it")
        .tag("source", sourceId)
        .register(Metrics.registry());
    reconnectCounter = Counter.builder("ndc_source_reconnects_total")
        .description("live feed reconnects of the source")
        .tag("source", sourceId)
        .register(Metrics.registry());
  }

  /** Every source this node has seen: {@code {id: {"last_message_at","freshness_s","reconnects","quota_used"}}}. */
  public static JsonObject snapshot() {
    JsonObject all = new JsonObject();
    new TreeMap<>(BY_SOURCE).forEach((id, status) -> {
      long last = status.lastMessageMillis();
      all.put(id, new JsonObject()
          .put("last_message_at", last == 0 ? null : Instant.ofEpochMilli(last).toString())
          .put("freshness_s", last == 0 ? null : (System.currentTimeMillis() - last) / 1000.0)
          .put("reconnects", status.reconnects())
          .put("quota_used", status.quotaUsed()));
    });
    return all;
  }

  public static SourceStatus of(String sourceId) {
    return BY_SOURCE.computeIfAbsent(sourceId, SourceStatus::new);
  }

  public void messageReceived() {
    lastMessageMillis.set(System.currentTimeMillis());
  }

  public void reconnected() {
    reconnects.incrementAndGet();
    reconnectCounter.increment();
  }

  /** The bucket's TAT as just read or written; the TAT only grows, so a late report of an older one is ignored. */
  void quotaSeen(TokenBucket bucket, long tat) {
    quotaBucket = bucket;
    quotaTat.accumulateAndGet(tat, Math::max);
  }

  /** Tokens in use now by the last TAT this node saw (0 before it saw any). */
  public long quotaUsed() {
    TokenBucket bucket = quotaBucket;
    return bucket == null ? 0 : bucket.used(quotaTat.get(), SourceQuota.nowMicros());
  }

  /** Epoch millis of the last message, 0 when none yet. */
  public long lastMessageMillis() {
    return lastMessageMillis.get();
  }

  public long reconnects() {
    return reconnects.get();
  }

  private double freshnessSeconds() {
    long last = lastMessageMillis.get();
    return last == 0 ? Double.NaN : (System.currentTimeMillis() - last) / 1000.0;
  }
}
