package io.ndc.analysis.expr;

import java.util.function.DoubleUnaryOperator;

/** A one-argument function applied bar by bar: unary minus and {@code abs}. Null stays null. */
record Elementwise(Function function, Term.Numeric operand) implements Term.Numeric {

  enum Function {
    NEGATE(a -> -a),
    ABS(Math::abs);

    private final DoubleUnaryOperator apply;

    Function(DoubleUnaryOperator apply) {
      this.apply = apply;
    }
  }

  @Override
  public int lookback() {
    return operand.lookback();
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    double[] a = operand.evaluate(evaluation);
    double[] result = new double[a.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = function.apply.applyAsDouble(a[i]);
    }
    return result;
  }
}
