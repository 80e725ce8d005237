package io.ndc.analysis.expr;

/** {@code not}: true and false swap, null stays null (-1/0/1 encoding: the arithmetic negation). */
record Negation(Term.Bool operand) implements Term.Bool {

  @Override
  public int lookback() {
    return operand.lookback();
  }

  @Override
  public byte[] evaluate(Evaluation evaluation) {
    byte[] a = operand.evaluate(evaluation);
    byte[] result = new byte[a.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = (byte) -a[i];
    }
    return result;
  }
}
