package io.ndc.contract.analysis;

/**
 * Bus addresses of the analysis service (SPEC §9). Requests and replies are JSON objects mapped to the records of
 * this package; failures are the usual {@link io.ndc.contract.Failure}s (400 naming the bad indicator, parameter or
 * expression position, 404 for an unknown symbol).
 */
public final class AnalysisAddresses {
  /**
   * Indicators over one symbol's bars: body {@link TechnicalQuery}; reply
   * {@code {"symbol","interval","dates":[...],"indicators":{"sma_20":[...],"bollinger_20_2":{"upper":[...],...}}}},
   * every series as long as {@code dates}, null where there is no value.
   */
  public static final String TECHNICAL_QUERY = "ndc.analysis.technical.query";
  /**
   * Expressions over one symbol's bars: body {@link CustomQuery}; reply {@code {"symbol","interval","dates","values"}}
   * or {@code {"symbol","interval","dates","series":{"name":[...]}}}.
   */
  public static final String CUSTOM_EVALUATE = "ndc.analysis.custom.evaluate";
  /**
   * An expression over many symbols at one date: body {@link ScreenQuery}; reply
   * {@code {"matches":[{"symbol","date","rank"}],"evaluated","skipped":[{"symbol","reason"}],"elapsed_ms"}}.
   */
  public static final String SCREEN_RUN = "ndc.analysis.screen.run";
  /**
   * A chart: body {@link ChartQuery}; reply the chart JSON {@code {"symbol","interval","candles","volume","overlays",
   * "panes"}} or, for {@code format=svg}, a {@link io.ndc.contract.RawContent} of {@code image/svg+xml}.
   */
  public static final String VISUALIZATION_RENDER = "ndc.analysis.visualization.render";
  /**
   * Live indicator interest (a lease): body {@link IndicatorInterest}; reply {@code {"node":"<id>","address"}} where
   * {@code node} is the analysis node now computing it. Renew before {@code ttl_ms} runs out on
   * {@link #interestOn(String)} of that node (so one node keeps it); a 503 there means the node is gone: ask this
   * address again. {@code ttl_ms} 0 releases it.
   */
  public static final String INDICATOR_INTEREST = "ndc.analysis.indicator.interest";

  /** Publication prefix of live indicator values. */
  public static final String INDICATOR_PREFIX = "ndc.analysis.indicator.";

  private AnalysisAddresses() {
  }

  /** Interest renewals for the interests one analysis node holds. */
  public static String interestOn(String nodeId) {
    return INDICATOR_INTEREST + "." + nodeId;
  }

  /**
   * Publication of live values of one indicator set: {@code ndc.analysis.indicator.<interval>.<SYMBOL>.<specs>} with
   * the specs canonical ({@link IndicatorInterest#canonical}), carrying
   * {@code {"type":"indicator","interval","symbol","ts","values":{...},"final"}} on every bar update.
   */
  public static String indicator(String interval, String symbol, java.util.List<String> canonicalSpecs) {
    return INDICATOR_PREFIX + interval + "." + symbol + "." + String.join(",", canonicalSpecs);
  }
}
