package io.ndc.analysis.indicators;

/**
 * Highest and lowest over a sliding window without a buffer: the index of the last extreme is kept and the window
 * is scanned again only when that extreme has left it (TA-Lib's way; amortised O(1) on market data).
 */
final class Extremes {
  private Extremes() {}

  /** Index of the highest of {@code x[start..end]}, given the answer for the previous window (or -1). */
  static int highest(double[] x, int start, int end, int previous) {
    if (previous >= start) {
      return x[end] >= x[previous] ? end : previous;
    }
    int best = start;
    for (int i = start + 1; i <= end; i++) {
      if (x[i] >= x[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Index of the lowest of {@code x[start..end]}, given the answer for the previous window (or -1). */
  static int lowest(double[] x, int start, int end, int previous) {
    if (previous >= start) {
      return x[end] <= x[previous] ? end : previous;
    }
    int best = start;
    for (int i = start + 1; i <= end; i++) {
      if (x[i] <= x[best]) {
        best = i;
      }
    }
    return best;
  }
}
