package io.ndc.analysis.indicators;

/** Stochastics, stochastic RSI, Williams %R and CCI, as TA-Lib computes them. */
final class Oscillators {
  private Oscillators() {}

  /**
   * Where the close sits in the window's range, in TA-Lib's arithmetic: raw %K is
   * {@code (close - lowest low) / ((highest high - lowest low) / 100)}, Williams %R (from the high) is
   * {@code (highest high - close) / ((highest high - lowest low) / -100)}; 0 for a flat window. {@code out} gets
   * values from {@code from + period - 1}; earlier positions are left alone.
   */
  static void rangePosition(double[] high, double[] low, double[] close, int from, int to, int period,
      boolean fromHigh, double[] out) {
    double scale = fromHigh ? -100.0 : 100.0;
    int hi = -1;
    int lo = -1;
    for (int i = from + period - 1; i < to; i++) {
      hi = Extremes.highest(high, i - period + 1, i, hi);
      lo = Extremes.lowest(low, i - period + 1, i, lo);
      double range = (high[hi] - low[lo]) / scale;
      double distance = fromHigh ? high[hi] - close[i] : close[i] - low[lo];
      out[i] = range != 0.0 ? distance / range : 0.0;
    }
  }

  static int stochLookback(int k, int slowK, int d) {
    return k - 1 + slowK - 1 + d - 1;
  }

  /** Slow stochastic (TA-Lib STOCH, SMA smoothing): k = SMA(slowK) of raw %K, d = SMA(d) of k. Lines: k, d. */
  static void stoch(Columns in, int from, int to, int k, int slowK, int d, double[][] out) {
    if (!Warmup.fill(out, from, to, stochLookback(k, slowK, d))) {
      return;
    }
    // raw %K in the d line, its SMA in the k line, the SMA of that back in the d line: no buffer needed
    rangePosition(in.high(), in.low(), in.close(), from, to, k, false, out[1]);
    MovingAverages.smaFrom(out[1], from + k - 1, to, slowK, out[0]);
    MovingAverages.smaFrom(out[0], from + k - 1 + slowK - 1, to, d, out[1]);
    // the intermediate steps wrote before the common start; TA-Lib starts both lines with d
    Warmup.fill(out, from, to, stochLookback(k, slowK, d));
  }

  static int stochRsiLookback(int period, int k, int d) {
    return period + k - 1 + d - 1;
  }

  /**
   * TA-Lib STOCHRSI: the fast stochastic (STOCHF, SMA %D) of the RSI, the RSI being its own high, low and close.
   * Lines: k (TA-Lib's fastK, raw %K of the RSI) and d (SMA of k).
   */
  static void stochRsi(double[] x, int from, int to, int period, int k, int d, double[][] out) {
    if (!Warmup.fill(out, from, to, stochRsiLookback(period, k, d))) {
      return;
    }
    double[] rsi = out[1];
    Momentum.rsi(x, from, to, period, rsi);
    rangePosition(rsi, rsi, rsi, from + period, to, k, false, out[0]);
    MovingAverages.smaFrom(out[0], from + period + k - 1, to, d, out[1]);
    // as in stoch: both lines start with d
    Warmup.fill(out, from, to, stochRsiLookback(period, k, d));
  }

  /** Williams %R: from 0 (close at the highest high) to -100 (at the lowest low). */
  static void willr(Columns in, int from, int to, int period, double[] out) {
    if (Warmup.fill(out, from, to, period - 1)) {
      rangePosition(in.high(), in.low(), in.close(), from, to, period, true, out);
    }
  }

  /**
   * CCI: {@code (tp - SMA(tp)) / (0.015 · mean absolute deviation of tp)} over typical prices {@code (h+l+c)/3},
   * 0 when either is 0. The mean deviation needs a pass over the window for every value.
   */
  static void cci(Columns in, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period - 1)) {
      return;
    }
    for (int i = from + period - 1; i < to; i++) {
      double average = 0;
      for (int j = i - period + 1; j <= i; j++) {
        average += typicalPrice(in, j);
      }
      average /= period;
      double deviation = 0;
      for (int j = i - period + 1; j <= i; j++) {
        deviation += Math.abs(typicalPrice(in, j) - average);
      }
      double distance = typicalPrice(in, i) - average;
      out[i] = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / period)) : 0.0;
    }
  }

  static double typicalPrice(Columns in, int i) {
    return (in.high()[i] + in.low()[i] + in.close()[i]) / 3;
  }
}
