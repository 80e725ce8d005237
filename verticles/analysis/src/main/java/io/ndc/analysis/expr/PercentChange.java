package io.ndc.analysis.expr;

/** {@code change(x,n)}: percent change over {@code n} bars, {@code (x - x[n]) / x[n] * 100}; null when {@code x[n]} is 0. */
record PercentChange(Term.Numeric operand, int bars) implements Term.Numeric {

  @Override
  public int lookback() {
    return operand.lookback() + bars;
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    double[] a = operand.evaluate(evaluation);
    double[] result = new double[a.length];
    for (int i = 0; i < result.length; i++) {
      double base = i < bars ? Double.NaN : a[i - bars];
      result[i] = base == 0 ? Double.NaN : (a[i] - base) / base * 100;
    }
    return result;
  }
}
