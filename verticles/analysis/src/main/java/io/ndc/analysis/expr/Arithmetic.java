package io.ndc.analysis.expr;

import java.util.function.DoubleBinaryOperator;

/**
 * Element-wise {@code + - * /}, {@code min} and {@code max}. Null in, null out (NaN does that by itself); a
 * non-finite result such as division by zero is null too, so no infinity ever reaches a JSON answer.
 */
record Arithmetic(Operation operation, Term.Numeric left, Term.Numeric right) implements Term.Numeric {

  enum Operation {
    ADD((a, b) -> a + b),
    SUBTRACT((a, b) -> a - b),
    MULTIPLY((a, b) -> a * b),
    DIVIDE((a, b) -> a / b),
    MIN(Math::min),
    MAX(Math::max);

    private final DoubleBinaryOperator apply;

    Operation(DoubleBinaryOperator apply) {
      this.apply = apply;
    }
  }

  @Override
  public int lookback() {
    return Math.max(left.lookback(), right.lookback());
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    double[] a = left.evaluate(evaluation);
    double[] b = right.evaluate(evaluation);
    double[] result = new double[a.length];
    for (int i = 0; i < result.length; i++) {
      double value = operation.apply.applyAsDouble(a[i], b[i]);
      result[i] = Double.isFinite(value) ? value : Double.NaN;
    }
    return result;
  }
}
