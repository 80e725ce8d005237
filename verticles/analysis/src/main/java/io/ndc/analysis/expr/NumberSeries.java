package io.ndc.analysis.expr;

/** Numbers per bar; NaN stands for null (never an infinity: division by zero is null). */
public final class NumberSeries implements Series {

  private final double[] values;

  NumberSeries(double[] values) {
    this.values = values;
  }

  /** The values themselves, NaN for null; the caller may keep them (the evaluation made them for this result). */
  public double[] values() {
    return values;
  }

  public double get(int i) {
    return values[i];
  }

  public boolean isNull(int i) {
    return Double.isNaN(values[i]);
  }

  @Override
  public ValueType type() {
    return ValueType.NUMBER;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Double valueAt(int i) {
    return isNull(i) ? null : values[i];
  }
}
