package io.ndc.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
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

  /** Vert.x options whose metrics report to {@link #registry()}. */
  public static VertxOptions enable(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
  }

  /** The factory that binds Vert.x metrics to our registry; give it to {@code Vertx.builder().withMetrics(...)}. */
  public static MicrometerMetricsFactory factory() {
    return new MicrometerMetricsFactory(REGISTRY);
  }

  public static String scrape() {
    return REGISTRY.scrape();
  }
}
