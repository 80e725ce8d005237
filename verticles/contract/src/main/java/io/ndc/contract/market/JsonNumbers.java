package io.ndc.contract.market;

import java.math.BigDecimal;

/**
 * How a number is written in every JSON NDC sends (REST, stream frames, bridges): as people read it. Java writes a
 * double like 63,751,000 as {@code 6.3751E7} and 79 as {@code 79.0}; here whole values are integers and other values
 * are written without an exponent ({@code 0.00001234}, not {@code 1.234E-5}) down to a millionth (smaller
 * magnitudes keep one: JSON encoders write such decimals with it). Not a number and infinities are null.
 */
public final class JsonNumbers {
  /** Beyond 2^53 a double no longer holds every integer: such values stay doubles. */
  private static final double EXACT_INTEGERS = 9_007_199_254_740_992d;

  private JsonNumbers() {
  }

  public static Number of(double value) {
    if (!Double.isFinite(value)) {
      return null;
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
      return (long) value;
    }
    double magnitude = Math.abs(value);
    // Double.toString switches to an exponent below 10^-3 and from 10^7 on; a BigDecimal of its plain digits does not
    return magnitude < 1e-3 || magnitude >= 1e7
        ? new BigDecimal(new BigDecimal(Double.toString(value)).toPlainString()) : (Number) value;
  }

  /** {@link #of(double)} of a nullable column value. */
  public static Number of(Double value) {
    return value == null ? null : of(value.doubleValue());
  }
}
