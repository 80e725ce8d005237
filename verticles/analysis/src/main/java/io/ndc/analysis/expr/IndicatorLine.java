package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.IndicatorCatalog;
import io.ndc.analysis.indicators.IndicatorSpec;
import java.util.Map;

/**
 * One line of an indicator from {@link IndicatorCatalog}: over the whole bar ({@code atr(14)}, {@code source}
 * null) or over a series ({@code sma(volume,20)}, {@code rsi(sma(close,5),14)}).
 *
 * @param memoKey the same for every occurrence of the same call in an expression, so it is computed once
 * @param lookback the catalog's look-back plus the source's, computed once when checked
 */
record IndicatorLine(IndicatorSpec spec, String line, Term.Numeric source, String memoKey, int lookback)
    implements Term.Numeric {

  IndicatorLine(IndicatorSpec spec, String line, Term.Numeric source, String memoKey) {
    this(spec, line, source, memoKey, IndicatorCatalog.lookback(spec) + (source == null ? 0 : source.lookback()));
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    return evaluation.indicator(memoKey, () -> compute(evaluation)).get(line);
  }

  /** The catalog computes each gap-free run on its own, so a derived source's leading nulls only delay the seed. */
  private Map<String, double[]> compute(Evaluation evaluation) {
    return source == null
        ? IndicatorCatalog.compute(spec, evaluation.bars())
        : IndicatorCatalog.compute(spec, source.evaluate(evaluation));
  }
}
