package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.IndicatorCatalog;
import io.ndc.analysis.indicators.IndicatorSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of an indicator from {@link IndicatorCatalog}: over the whole bar ({@code atr(14)}, {@code source}
 * null) or over a series ({@code sma(volume,20)}, {@code rsi(sma(close,5),14)}).
 *
 * @param memoKey the same for every occurrence of the same call in an expression, so it is computed once
 */
record IndicatorLine(IndicatorSpec spec, String line, Term.Numeric source, String memoKey) implements Term.Numeric {

  @Override
  public int lookback() {
    return IndicatorCatalog.lookback(spec) + (source == null ? 0 : source.lookback());
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    return evaluation.indicator(memoKey, () -> compute(evaluation)).get(line);
  }

  private Map<String, double[]> compute(Evaluation evaluation) {
    return source == null
        ? IndicatorCatalog.compute(spec, evaluation.bars())
        : overValues(source.evaluate(evaluation));
  }

  /**
   * A derived source starts with nulls (its own look-back: {@code sma(close,5)} has 4); indicators seed from
   * their first values, so they run over the series from its first non-null value and the lines are shifted
   * back into place, as if the series had begun there.
   */
  private Map<String, double[]> overValues(double[] values) {
    int first = 0;
    while (first < values.length && Double.isNaN(values[first])) {
      first++;
    }
    if (first == 0) {
      return IndicatorCatalog.compute(spec, values);
    }
    Map<String, double[]> tails = first == values.length
        ? Map.of()
        : IndicatorCatalog.compute(spec, Arrays.copyOfRange(values, first, values.length));
    Map<String, double[]> lines = new HashMap<>();
    for (String name : IndicatorCatalog.lines(spec.name())) {
      double[] full = new double[values.length];
      Arrays.fill(full, Double.NaN);
      double[] tail = tails.get(name);
      if (tail != null) {
        System.arraycopy(tail, 0, full, first, tail.length);
      }
      lines.put(name, full);
    }
    return lines;
  }
}
