package io.ndc.collector.live;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * Config {@code collector.live.*}. A storage write starts when {@code batchSize} rows are buffered (or at the tick);
 * rows that gathered while a batch was in flight go in one batch of up to {@code maxBatchSize}. A stopping feed keeps
 * writing what it buffered for up to {@code drainMs}.
 */
record LiveSettings(long tickMs, long reconcileMs, int batchSize, int maxBatchSize, int maxBuffered, long writeTimeoutMs,
    long statusMs, long startRetryMs, long leaseMs, long drainMs) {
  static LiveSettings fromConfig(JsonObject config) {
    int batchSize = Settings.of(config).integer("collector.live.batch_size");
    return new LiveSettings(
        Settings.of(config).longValue("collector.live.tick_ms"),
        Settings.of(config).longValue("collector.live.reconcile_ms"),
        batchSize,
        Math.max(batchSize, Settings.of(config).integer("collector.live.max_batch_size")),
        Settings.of(config).integer("collector.live.max_buffered"),
        Settings.of(config).longValue("collector.live.write_timeout_ms"),
        Settings.of(config).longValue("collector.live.status_ms"),
        Settings.of(config).longValue("collector.live.start_retry_ms"),
        Settings.of(config).longValue("collector.live.lease_ms"),
        Settings.of(config).longValue("collector.live.drain_ms"));
  }
}
