package io.ndc.analysis.expr;

/**
 * {@code crossover(a,b)}: {@code a > b and a[1] <= b[1]}; {@code crossunder(a,b)}: {@code a < b and a[1] >= b[1]},
 * with the same three-valued {@code and} (so a bar where {@code a > b} is false is false even with no previous bar).
 */
record Crossing(boolean over, Term.Numeric a, Term.Numeric b) implements Term.Bool {

  @Override
  public int lookback() {
    return Math.max(a.lookback(), b.lookback()) + 1;
  }

  @Override
  public byte[] evaluate(Evaluation evaluation) {
    double[] x = a.evaluate(evaluation);
    double[] y = b.evaluate(evaluation);
    byte[] result = new byte[x.length];
    for (int i = 0; i < result.length; i++) {
      byte now = compare(x[i], y[i], false);
      byte before = i == 0 ? BooleanSeries.NULL : compare(x[i - 1], y[i - 1], true);
      result[i] = (byte) Math.min(now, before);
    }
    return result;
  }

  /** Now: strictly across ({@code >} for over); before: not across ({@code <=} for over). */
  private byte compare(double x, double y, boolean before) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return BooleanSeries.NULL;
    }
    boolean across = over ? x > y : x < y;
    return BooleanSeries.of(before != across);
  }
}
