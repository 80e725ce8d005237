package io.ndc.analysis.expr;

/**
 * {@code and}/{@code or} in Kleene's three-valued logic, as SQL does it: {@code false and null} is false,
 * {@code true or null} is true, anything else with null is null. With the -1/0/1 encoding that is min and max.
 */
record Logic(boolean and, Term.Bool left, Term.Bool right) implements Term.Bool {

  @Override
  public int lookback() {
    return Math.max(left.lookback(), right.lookback());
  }

  @Override
  public byte[] evaluate(Evaluation evaluation) {
    byte[] a = left.evaluate(evaluation);
    byte[] b = right.evaluate(evaluation);
    byte[] result = new byte[a.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = (byte) (and ? Math.min(a[i], b[i]) : Math.max(a[i], b[i]));
    }
    return result;
  }
}
