package io.ndc.collector.jobs;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * How collection jobs run ({@code collector.*}, docs/collection.md): the bound on one storage write, how far back a
 * first run fetches, how long and how often a job waits for its source's quota before it is requeued, and the delay
 * of a requeue. Read once when a job worker starts.
 */
public record JobSettings(long ingestTimeoutMs, int defaultLookbackDays, long throttleWaitMs, int maxThrottleWaits,
    long requeueDelayMs) {

  public static JobSettings from(JsonObject config) {
    Settings settings = Settings.of(config);
    return new JobSettings(settings.longValue("collector.ingest_timeout_ms"),
        settings.integer("collector.default_lookback_days"), settings.longValue("collector.throttle.wait_ms"),
        settings.integer("collector.throttle.max_waits"), settings.longValue("collector.requeue_delay_ms"));
  }
}
