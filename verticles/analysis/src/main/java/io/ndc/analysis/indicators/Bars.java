package io.ndc.analysis.indicators;

import java.util.Objects;

/**
 * Columnar bars in ascending time: {@code ts} in epoch milliseconds (UTC), one entry per bar in every column.
 * The arrays are used as given, not copied, so a caller can build a series once and compute many indicators on it.
 */
public record Bars(long[] ts, double[] open, double[] high, double[] low, double[] close, double[] volume) {

  public Bars {
    Objects.requireNonNull(ts, "ts");
    int n = ts.length;
    for (double[] column : new double[][] {open, high, low, close, volume}) {
      if (Objects.requireNonNull(column, "column").length != n) {
        throw new IllegalArgumentException("bar columns differ in length");
      }
    }
  }

  public int size() {
    return ts.length;
  }
}
