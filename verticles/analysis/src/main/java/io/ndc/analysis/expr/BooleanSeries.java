package io.ndc.analysis.expr;

/**
 * Three-valued booleans per bar, one byte each: {@link #FALSE} -1, {@link #NULL} 0, {@link #TRUE} 1. With this
 * order Kleene logic is arithmetic: {@code and} is the minimum, {@code or} the maximum, {@code not} the negation,
 * and a fresh {@code byte[]} is all null.
 */
public final class BooleanSeries implements Series {

  public static final byte FALSE = -1;
  public static final byte NULL = 0;
  public static final byte TRUE = 1;

  private final byte[] values;

  BooleanSeries(byte[] values) {
    this.values = values;
  }

  static byte of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** The encoded values; the caller may keep them. */
  public byte[] values() {
    return values;
  }

  /** True only when known to be true: null is not true (an alert never fires on unknown). */
  public boolean isTrue(int i) {
    return values[i] == TRUE;
  }

  @Override
  public ValueType type() {
    return ValueType.BOOLEAN;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Boolean valueAt(int i) {
    return values[i] == NULL ? null : values[i] == TRUE;
  }
}
