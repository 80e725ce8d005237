package io.ndc.analysis.expr;

/**
 * A term that a composed function uses more than once ({@code change(x,n)} reads {@code x} and {@code x[n]}):
 * evaluated once per evaluation, then reused.
 */
record Shared(Term.Numeric operand) implements Term.Numeric {

  @Override
  public int lookback() {
    return operand.lookback();
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    return evaluation.shared(this, () -> operand.evaluate(evaluation));
  }
}
