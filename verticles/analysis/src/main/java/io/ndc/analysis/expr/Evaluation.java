package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.Bars;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One evaluation over one set of bars. Indicator results are computed once per evaluation even when the
 * expression names them several times ({@code bollinger(close,20,2).upper ... bollinger(close,20,2).lower}).
 */
final class Evaluation {

  private final Bars bars;
  private final Map<String, Map<String, double[]>> indicators = new HashMap<>();

  Evaluation(Bars bars) {
    this.bars = bars;
  }

  Bars bars() {
    return bars;
  }

  int size() {
    return bars.size();
  }

  Map<String, double[]> indicator(String key, Supplier<Map<String, double[]>> compute) {
    Map<String, double[]> lines = indicators.get(key);
    if (lines == null) {
      lines = compute.get();
      indicators.put(key, lines);
    }
    return lines;
  }
}
