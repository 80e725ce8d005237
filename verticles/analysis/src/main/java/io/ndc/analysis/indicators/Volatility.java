package io.ndc.analysis.indicators;

/** Standard deviation, Bollinger Bands, true range and ATR, as TA-Lib computes them. */
final class Volatility {
  private Volatility() {}

  /** Population standard deviation (TA-Lib STDDEV with nbDev 1): the SMA, then the deviation around it. */
  static void stddev(double[] x, int from, int to, int period, double[] out) {
    MovingAverages.sma(x, from, to, period, out);
    deviation(x, out, from, to, period, out);
  }

  /**
   * Population standard deviation around a precomputed SMA {@code mean}, as {@code sqrt(E[x²] - mean²)} with a
   * running sum of squares (TA-Lib's order of operations), and 0 when that variance is below TA-Lib's 1e-8.
   * Safe in place ({@code out == mean}).
   */
  static void deviation(double[] x, double[] mean, int from, int to, int period, double[] out) {
    if (from + period - 1 >= to) {
      return;
    }
    double squares = 0;
    int i = from;
    for (; i < from + period - 1; i++) {
      squares += x[i] * x[i];
    }
    for (int trailing = from; i < to; i++, trailing++) {
      squares += x[i] * x[i];
      double variance = squares / period - mean[i] * mean[i];
      squares -= x[trailing] * x[trailing];
      out[i] = TaLibMath.isZeroOrNegative(variance) ? 0.0 : Math.sqrt(variance);
    }
  }

  /** Bollinger Bands: SMA middle, bands {@code k} population standard deviations away. Lines: upper, middle, lower. */
  static void bollinger(double[] x, int from, int to, int period, double k, double[][] out) {
    double[] upper = out[0];
    double[] middle = out[1];
    double[] lower = out[2];
    if (!Warmup.fill(out, from, to, period - 1)) {
      return;
    }
    MovingAverages.smaFrom(x, from, to, period, middle);
    deviation(x, middle, from, to, period, upper);
    for (int i = from + period - 1; i < to; i++) {
      double width = upper[i] * k;
      upper[i] = middle[i] + width;
      lower[i] = middle[i] - width;
    }
  }

  /** The largest of today's range and the distances from yesterday's close to today's high and low. */
  static double trueRange(double[] high, double[] low, double[] close, int i) {
    double range = high[i] - low[i];
    double fromHigh = Math.abs(close[i - 1] - high[i]);
    double fromLow = Math.abs(close[i - 1] - low[i]);
    return Math.max(range, Math.max(fromHigh, fromLow));
  }

  /**
   * Wilder's ATR: the first value, at {@code period}, is the SMA of the first {@code period} true ranges (the
   * first bar has none), then {@code (atr·(period-1) + tr) / period}. Period 1 is the true range itself.
   */
  static void atr(Columns in, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period)) {
      return;
    }
    double[] high = in.high();
    double[] low = in.low();
    double[] close = in.close();
    if (period == 1) {
      for (int i = from + 1; i < to; i++) {
        out[i] = trueRange(high, low, close, i);
      }
      return;
    }
    double sum = 0;
    for (int i = from + 1; i <= from + period; i++) {
      sum += trueRange(high, low, close, i);
    }
    double atr = sum / period;
    out[from + period] = atr;
    for (int i = from + period + 1; i < to; i++) {
      atr *= period - 1;
      atr += trueRange(high, low, close, i);
      atr /= period;
      out[i] = atr;
    }
  }
}
