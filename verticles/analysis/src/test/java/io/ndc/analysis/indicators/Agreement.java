package io.ndc.analysis.indicators;

import static org.assertj.core.api.Assertions.fail;

/** Compares our series with an oracle's, position by position, NaN included. */
final class Agreement {
  private Agreement() {}

  /** 1e-6 relative, with an absolute floor so that values crossing zero (MACD histogram, momentum) compare sanely. */
  static final double RELATIVE = 1e-6;
  static final double FLOOR = 1e-9;

  static void assertSameSeries(String what, double[] actual, double[] expected) {
    if (actual.length != expected.length) {
      fail("%s: length %d, expected %d", what, actual.length, expected.length);
    }
    for (int i = 0; i < actual.length; i++) {
      double a = actual[i];
      double e = expected[i];
      boolean same = Double.isNaN(e)
          ? Double.isNaN(a)
          : Math.abs(a - e) <= Math.max(FLOOR, RELATIVE * Math.abs(e));
      if (!same) {
        fail("%s: at %d got %s, expected %s (first value expected at %d, got at %d)",
            what, i, a, e, firstValue(expected), firstValue(actual));
      }
    }
  }

  static int firstValue(double[] series) {
    for (int i = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        return i;
      }
    }
    return -1;
  }
}
