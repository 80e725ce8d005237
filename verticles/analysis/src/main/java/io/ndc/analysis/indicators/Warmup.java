package io.ndc.analysis.indicators;

import java.util.Arrays;

/** Marks the warm-up of a run: the positions before an indicator's look-back is filled hold no value. */
final class Warmup {
  private Warmup() {}

  /**
   * Sets {@code out[from, from + lookback)} (clipped to the run) to NaN and says whether the run
   * {@code [from, to)} is long enough for any value at all.
   */
  static boolean fill(double[] out, int from, int to, int lookback) {
    Arrays.fill(out, from, Math.min(to, from + lookback), Double.NaN);
    return from + lookback < to;
  }

  /** {@link #fill(double[], int, int, int)} for every line of a multi-line indicator, which share one warm-up. */
  static boolean fill(double[][] out, int from, int to, int lookback) {
    boolean any = false;
    for (double[] line : out) {
      any = fill(line, from, to, lookback);
    }
    return any;
  }
}
