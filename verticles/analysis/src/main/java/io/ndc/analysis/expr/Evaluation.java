package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.Bars;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One evaluation over one set of bars. Indicator results are computed once per evaluation even when the
 * expression names them several times ({@code bollinger(close,20,2).upper ... bollinger(close,20,2).lower}), and so
 * are the operands that composed functions read twice.
 */
final class Evaluation {

  private final Bars bars;
  private final Map<String, Map<String, double[]>> indicators = new HashMap<>();
  private final Map<Shared, double[]> shared = new IdentityHashMap<>();

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
    return once(indicators, key, compute);
  }

  /** By identity: two equal-looking subterms of different calls are different places in the tree. */
  double[] shared(Shared term, Supplier<double[]> compute) {
    return once(shared, term, compute);
  }

  /** Not computeIfAbsent: a computation may itself add entries (a shared term inside a shared term). */
  private static <K, V> V once(Map<K, V> memo, K key, Supplier<V> compute) {
    V value = memo.get(key);
    if (value == null) {
      value = compute.get();
      memo.put(key, value);
    }
    return value;
  }
}
