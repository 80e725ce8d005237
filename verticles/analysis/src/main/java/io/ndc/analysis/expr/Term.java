package io.ndc.analysis.expr;

/**
 * A type-checked node. Each evaluates to a whole series at once (vectorized: one loop per node over all bars,
 * not one tree walk per bar). Terms never write into the arrays they receive, since columns and cached
 * indicator lines are shared; each returns a new array or one it received unchanged.
 */
interface Term {

  /** Bars of history needed before the first bar where the value can be non-null. */
  int lookback();

  ValueType type();

  /** A term with a number value. */
  interface Numeric extends Term {
    double[] evaluate(Evaluation evaluation);

    @Override
    default ValueType type() {
      return ValueType.NUMBER;
    }
  }

  /** A term with a three-valued boolean value, encoded as in {@link BooleanSeries}. */
  interface Bool extends Term {
    byte[] evaluate(Evaluation evaluation);

    @Override
    default ValueType type() {
      return ValueType.BOOLEAN;
    }
  }
}
