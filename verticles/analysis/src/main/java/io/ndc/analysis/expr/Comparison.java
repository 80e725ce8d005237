package io.ndc.analysis.expr;

/** {@code < <= > >= == !=} bar by bar; null on either side is null, never true (nor false). */
record Comparison(Operation operation, Term.Numeric left, Term.Numeric right) implements Term.Bool {

  enum Operation {
    LT, LE, GT, GE, EQ, NE;

    boolean test(double a, double b) {
      return switch (this) {
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
        case EQ -> a == b;
        case NE -> a != b;
      };
    }
  }

  @Override
  public int lookback() {
    return Math.max(left.lookback(), right.lookback());
  }

  @Override
  public byte[] evaluate(Evaluation evaluation) {
    double[] a = left.evaluate(evaluation);
    double[] b = right.evaluate(evaluation);
    byte[] result = new byte[a.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = Double.isNaN(a[i]) || Double.isNaN(b[i]) ? BooleanSeries.NULL : BooleanSeries.of(operation.test(a[i], b[i]));
    }
    return result;
  }
}
