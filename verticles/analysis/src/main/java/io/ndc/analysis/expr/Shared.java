package io.ndc.analysis.expr;

/**
 * A term that a composed function uses more than once ({@code change(x,n)} reads {@code x} and {@code x[n]}):
 * evaluated once per evaluation, then reused. Its look-back is computed once too, or nesting such functions
 * would revisit the operand exponentially often ({@code change(change(change(...)))}).
 */
final class Shared implements Term.Numeric {

  private final Term.Numeric operand;
  private final int lookback;

  Shared(Term.Numeric operand) {
    this.operand = operand;
    this.lookback = operand.lookback();
  }

  @Override
  public int lookback() {
    return lookback;
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    return evaluation.shared(this, () -> operand.evaluate(evaluation));
  }
}
