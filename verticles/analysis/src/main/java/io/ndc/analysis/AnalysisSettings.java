package io.ndc.analysis;

import io.ndc.analysis.expr.ExpressionLimits;
import io.ndc.platform.config.Settings;
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
        Settings.of(config).integer("analysis.max_indicators"),
        Settings.of(config).integer("analysis.series.max_entries"),
        Settings.of(config).longValue("analysis.series.max_bars"),
        Settings.of(config).integer("analysis.compute.inline_max_points"),
        new ExpressionLimits(Settings.of(config).integer("analysis.expression.max_length"),
            Settings.of(config).integer("analysis.expression.max_nodes"),
            Settings.of(config).integer("analysis.expression.max_lookback")),
        Settings.of(config).longValue("analysis.screen.budget_ms"),
        Settings.of(config).integer("analysis.screen.concurrency"),
        Settings.of(config).integer("analysis.screen.max_symbols"),
        Settings.of(config).longValue("analysis.live.interest_ttl_ms"),
        Settings.of(config).longValue("bus.timeout_ms"));
  }
}
