package io.ndc.analysis.expr;

import java.util.Arrays;

/**
 * {@code x[n]}: the value {@code n} bars back, null for the first {@code n} bars. Numbers and booleans shift the
 * same way; the two nested records only differ in the array type.
 */
final class History {

  private History() {}

  record OfNumber(Term.Numeric operand, int bars) implements Term.Numeric {
    @Override
    public int lookback() {
      return operand.lookback() + bars;
    }

    @Override
    public double[] evaluate(Evaluation evaluation) {
      double[] a = operand.evaluate(evaluation);
      double[] result = new double[a.length];
      Arrays.fill(result, 0, Math.min(bars, a.length), Double.NaN);
      shift(a, result, a.length, bars);
      return result;
    }
  }

  record OfBoolean(Term.Bool operand, int bars) implements Term.Bool {
    @Override
    public int lookback() {
      return operand.lookback() + bars;
    }

    @Override
    public byte[] evaluate(Evaluation evaluation) {
      byte[] a = operand.evaluate(evaluation);
      byte[] result = new byte[a.length]; // starts all NULL
      shift(a, result, a.length, bars);
      return result;
    }
  }

  /** Copies {@code from[i - bars]} to {@code to[i]} for every {@code i >= bars}, for either array type. */
  private static void shift(Object from, Object to, int length, int bars) {
    if (bars < length) {
      System.arraycopy(from, 0, to, bars, length - bars);
    }
  }
}
