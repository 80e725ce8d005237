package io.ndc.analysis.indicators;

/** The shape most indicators share: one period, one line. */
final class PeriodKernel {
  private PeriodKernel() {}

  /** Over one series, as {@code MovingAverages::sma}. */
  @FunctionalInterface
  interface OfSeries {
    void compute(double[] x, int from, int to, int period, double[] out);
  }

  /** Over bars, as {@code Volatility::atr}. */
  @FunctionalInterface
  interface OfBars {
    void compute(Columns in, int from, int to, int period, double[] out);
  }
}
