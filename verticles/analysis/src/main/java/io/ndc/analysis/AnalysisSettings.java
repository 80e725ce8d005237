package io.ndc.analysis;

import io.ndc.analysis.expr.ExpressionLimits;
import io.ndc.platform.config.ConfigPath;
import io.vertx.core.json.JsonObject;

/** The {@code analysis.*} settings (conf/default.json; docs/analysis.md, "Settings"). */
public record AnalysisSettings(
    int maxIndicators,
    int seriesMaxEntries,
    long seriesMaxBars,
    int inlineMaxPoints,
    ExpressionLimits expressionLimits,
    long screenBudgetMs,
    int screenConcurrency,
    int screenMaxSymbols,
    long interestTtlMs,
    long busTimeoutMs) {

  public static AnalysisSettings of(JsonObject config) {
    return new AnalysisSettings(
        ConfigPath.integer(config, "analysis.max_indicators", 20),
        ConfigPath.integer(config, "analysis.series.max_entries", 10_000),
        ConfigPath.longValue(config, "analysis.series.max_bars", 2_000_000),
        ConfigPath.integer(config, "analysis.compute.inline_max_points", 50_000),
        new ExpressionLimits(ConfigPath.integer(config, "analysis.expression.max_length", 2_000),
            ConfigPath.integer(config, "analysis.expression.max_nodes", 256),
            ConfigPath.integer(config, "analysis.expression.max_lookback", 5_000)),
        ConfigPath.longValue(config, "analysis.screen.budget_ms", 10_000),
        ConfigPath.integer(config, "analysis.screen.concurrency", 16),
        ConfigPath.integer(config, "analysis.screen.max_symbols", 5_000),
        ConfigPath.longValue(config, "analysis.live.interest_ttl_ms", 30_000),
        ConfigPath.longValue(config, "bus.timeout_ms", 5_000));
  }
}
