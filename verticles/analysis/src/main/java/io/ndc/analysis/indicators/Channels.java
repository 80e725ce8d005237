package io.ndc.analysis.indicators;

import java.util.Arrays;

/** Donchian, Keltner and Ichimoku: channels that TA-Lib does not define (docs/analysis.md has the definitions). */
final class Channels {
  private Channels() {}

  /**
   * Donchian channel over the last {@code period} bars, the current one included: upper is the highest high,
   * lower the lowest low, middle their mean. Lines: upper, middle, lower.
   */
  static void donchian(Columns in, int from, int to, int period, double[][] out) {
    window(in, from, to, period, out[0], out[1], out[2]);
  }

  /**
   * Keltner channel: EMA(period) of close in the middle (TA-Lib's EMA), bands {@code k} ATR(period) away (TA-Lib's
   * ATR). Every line starts with the ATR, at bar {@code period}. Lines: upper, middle, lower.
   */
  static void keltner(Columns in, int from, int to, int period, double k, double[][] out) {
    if (!Warmup.fill(out, from, to, period)) {
      return;
    }
    double[] upper = out[0];
    double[] middle = out[1];
    MovingAverages.ema(in.close(), from, to, period, middle);
    Volatility.atr(in, from, to, period, upper);
    middle[from + period - 1] = Double.NaN;
    for (int i = from + period; i < to; i++) {
      double width = k * upper[i];
      upper[i] = middle[i] + width;
      out[2][i] = middle[i] - width;
    }
  }

  static int ichimokuLookback(int tenkan, int kijun, int senkou) {
    return Math.max(Math.max(tenkan, kijun), senkou) - 1 + kijun;
  }

  /**
   * Ichimoku on the input's time axis, every line as long as the input:
   * tenkan and kijun are the midpoints of the {@code tenkan}- and {@code kijun}-bar high-low ranges; senkou_a
   * ({@code (tenkan + kijun) / 2}) and senkou_b (midpoint of the {@code senkou}-bar range) are drawn {@code kijun}
   * bars ahead, so position i holds what was computed at i - kijun (the cloud's last {@code kijun} projected values
   * lie beyond the input and are not returned); chikou is the close drawn {@code kijun} bars back, so position i
   * holds close[i + kijun] and the last {@code kijun} positions are NaN. Each line has its own warm-up.
   */
  static void ichimoku(Columns in, int from, int to, int tenkan, int kijun, int senkou, double[][] out) {
    double[] conversion = out[0];
    double[] base = out[1];
    double[] leadA = out[2];
    double[] leadB = out[3];
    double[] lagging = out[4];
    midRange(in, from, to, tenkan, conversion);
    midRange(in, from, to, kijun, base);
    midRange(in, from, to, senkou, leadB);
    shift(leadB, from, to, kijun);
    Arrays.fill(leadA, from, to, Double.NaN);
    for (int i = from + Math.max(tenkan, kijun) - 1 + kijun; i < to; i++) {
      leadA[i] = (conversion[i - kijun] + base[i - kijun]) / 2;
    }
    Arrays.fill(lagging, from, to, Double.NaN);
    if (to - from > kijun) {
      System.arraycopy(in.close(), from + kijun, lagging, from, to - from - kijun);
    }
  }

  private static void midRange(Columns in, int from, int to, int period, double[] out) {
    window(in, from, to, period, null, out, null);
  }

  /**
   * The highest high, the midpoint and the lowest low of the last {@code period} bars; upper and lower are both
   * given (donchian) or both null (a midpoint alone, for ichimoku).
   */
  private static void window(Columns in, int from, int to, int period, double[] upper, double[] middle,
      double[] lower) {
    for (double[] line : new double[][] {upper, middle, lower}) {
      if (line != null) {
        Warmup.fill(line, from, to, period - 1);
      }
    }
    int hi = -1;
    int lo = -1;
    for (int i = from + period - 1; i < to; i++) {
      hi = Extremes.highest(in.high(), i - period + 1, i, hi);
      lo = Extremes.lowest(in.low(), i - period + 1, i, lo);
      double highest = in.high()[hi];
      double lowest = in.low()[lo];
      if (upper != null) {
        upper[i] = highest;
        lower[i] = lowest;
      }
      middle[i] = (highest + lowest) / 2;
    }
  }

  /** Moves the run {@code bars} positions later; what would pass its end is dropped, its start becomes NaN. */
  private static void shift(double[] line, int from, int to, int bars) {
    int kept = to - from - bars;
    if (kept > 0) {
      System.arraycopy(line, from, line, from + bars, kept);
    }
    Arrays.fill(line, from, Math.min(to, from + bars), Double.NaN);
  }
}
