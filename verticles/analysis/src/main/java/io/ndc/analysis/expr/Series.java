package io.ndc.analysis.expr;

/** The result of evaluating an expression: one value per bar, {@code null} where it is unknown. */
public sealed interface Series permits NumberSeries, BooleanSeries {

  ValueType type();

  int size();

  /** {@code Double}, {@code Boolean} or {@code null}: what a JSON answer writes for bar {@code i}. */
  Object valueAt(int i);

  /** The value at the latest bar (what screens and alerts look at); {@code null} for no bars. */
  default Object last() {
    return size() == 0 ? null : valueAt(size() - 1);
  }
}
