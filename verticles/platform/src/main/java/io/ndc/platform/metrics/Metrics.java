package io.ndc.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ndc.platform.config.Settings;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The node's one Prometheus registry: Vert.x metrics (HTTP, event bus, pools) and NDC's own meters land here and
 * {@code /metrics} scrapes it.
 */
public final class Metrics {
  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private Metrics() {
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /**
   * Vert.x options whose metrics report to {@link #registry()}. Event-bus metrics ({@code vertx_eventbus_*}) are off
   * unless {@code metrics.eventbus} is true: they look a meter up by address for every message, which measured 8 % of
   * the CPU of a cached REST read and more on the stream's per-symbol addresses (one label value per symbol).
   */
  public static VertxOptions enable(VertxOptions options, JsonObject config) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    if (!Settings.of(config).bool("metrics.eventbus")) {
      metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }
    return options.setMetricsOptions(metrics);
  }

  /** The factory that binds Vert.x metrics to our registry; give it to {@code Vertx.builder().withMetrics(...)}. */
  public static MicrometerMetricsFactory factory() {
    return new MicrometerMetricsFactory(REGISTRY);
  }

  public static String scrape() {
    return REGISTRY.scrape();
  }
}
