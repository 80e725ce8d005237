package io.ndc.analysis.indicators;

/**
 * The columns a computation reads. A single-series indicator sees its source as {@code close}; the other
 * columns are then null, and only bar-based indicators (which the catalog never hands a bare source) read them.
 */
record Columns(long[] ts, double[] high, double[] low, double[] close, double[] volume) {

  static Columns of(Bars bars) {
    return new Columns(bars.ts(), bars.high(), bars.low(), bars.close(), bars.volume());
  }

  static Columns of(double[] source) {
    return new Columns(null, null, null, source, null);
  }

  int size() {
    return close.length;
  }

  /** The columns an indicator reads, so that a NaN in any of them marks a gap. */
  enum Input {
    HIGH, LOW, CLOSE, VOLUME;

    double[] of(Columns columns) {
      return switch (this) {
        case HIGH -> columns.high;
        case LOW -> columns.low;
        case CLOSE -> columns.close;
        case VOLUME -> columns.volume;
      };
    }
  }
}
