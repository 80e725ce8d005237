package io.ndc.collector.live;

import io.ndc.platform.config.ConfigPath;
import io.vertx.core.json.JsonObject;

/**
 * Config {@code collector.live.*}. A storage write starts when {@code batchSize} rows are buffered (or at the tick);
 * rows that gathered while a batch was in flight go in one batch of up to {@code maxBatchSize}. A stopping feed keeps
 * writing what it buffered for up to {@code drainMs}.
 */
record LiveSettings(long tickMs, long reconcileMs, int batchSize, int maxBatchSize, int maxBuffered, long writeTimeoutMs,
    long statusMs, long startRetryMs, long leaseMs, long drainMs) {
  static LiveSettings fromConfig(JsonObject config) {
    int batchSize = ConfigPath.integer(config, "collector.live.batch_size", 250);
    return new LiveSettings(
        ConfigPath.longValue(config, "collector.live.tick_ms", 1_000),
        ConfigPath.longValue(config, "collector.live.reconcile_ms", 1_000),
        batchSize,
        Math.max(batchSize, ConfigPath.integer(config, "collector.live.max_batch_size", 10_000)),
        ConfigPath.integer(config, "collector.live.max_buffered", 200_000),
        ConfigPath.longValue(config, "collector.live.write_timeout_ms", 30_000),
        ConfigPath.longValue(config, "collector.live.status_ms", 5_000),
        ConfigPath.longValue(config, "collector.live.start_retry_ms", 60_000),
        ConfigPath.longValue(config, "collector.live.lease_ms", 4_000),
        ConfigPath.longValue(config, "collector.live.drain_ms", 5_000));
  }
}
