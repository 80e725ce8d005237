package io.ndc.analysis.expr;

import java.util.Arrays;

/** A number literal, the same at every bar. */
record Constant(double value) implements Term.Numeric {

  @Override
  public int lookback() {
    return 0;
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    double[] values = new double[evaluation.size()];
    Arrays.fill(values, value);
    return values;
  }
}
