package io.ndc.analysis.expr;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code highest(x,n)} / {@code lowest(x,n)}: the extreme of the last {@code n} bars including this one; null until
 * {@code n} values exist and while a null is inside the window. A monotonic deque keeps it linear in the bars
 * whatever the window.
 */
record RollingExtreme(boolean highest, Term.Numeric operand, int window) implements Term.Numeric {

  @Override
  public int lookback() {
    return operand.lookback() + window - 1;
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    double[] a = operand.evaluate(evaluation);
    double[] result = new double[a.length];
    Deque<Integer> candidates = new ArrayDeque<>();
    int lastNull = -1;
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])) {
        lastNull = i;
        candidates.clear();
      } else {
        while (!candidates.isEmpty() && !beats(a[candidates.peekLast()], a[i])) {
          candidates.pollLast();
        }
        candidates.addLast(i);
      }
      while (!candidates.isEmpty() && candidates.peekFirst() <= i - window) {
        candidates.pollFirst();
      }
      boolean full = i >= window - 1 && lastNull <= i - window;
      result[i] = full ? a[candidates.peekFirst()] : Double.NaN;
    }
    return result;
  }

  /** Whether an earlier value stays a candidate against a newer one (strictly better; ties go to the newer). */
  private boolean beats(double earlier, double newer) {
    return highest ? earlier > newer : earlier < newer;
  }
}
