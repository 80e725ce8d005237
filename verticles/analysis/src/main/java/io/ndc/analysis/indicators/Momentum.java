package io.ndc.analysis.indicators;

import java.util.Arrays;

/** RSI, MACD, rate of change and momentum of one series, as TA-Lib computes them. */
final class Momentum {
  private Momentum() {}

  /**
   * Wilder's RSI: average gain and loss seeded with the simple average of the first {@code period} changes, then
   * smoothed by {@code (period-1)/period}; 0 when there was no move at all (TA-Lib's choice, not 50).
   */
  static void rsi(double[] x, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period)) {
      return;
    }
    // one pass: the first period changes are summed and averaged, later ones smoothed in TA-Lib's order
    // (times period-1, plus today's move, divided by period)
    double gain = 0;
    double loss = 0;
    for (int i = from + 1; i < to; i++) {
      double change = x[i] - x[i - 1];
      if (i > from + period) {
        gain *= period - 1;
        loss *= period - 1;
      }
      if (change < 0) {
        loss -= change;
      } else {
        gain += change;
      }
      if (i >= from + period) {
        gain /= period;
        loss /= period;
        out[i] = rsi(gain, loss);
      }
    }
  }

  private static double rsi(double gain, double loss) {
    double moves = gain + loss;
    return TaLibMath.isZero(moves) ? 0.0 : 100.0 * (gain / moves);
  }

  /** TA-Lib's ROC: {@code ((x / x[-period]) - 1) * 100}, 0 where the earlier value is 0. */
  static void roc(double[] x, int from, int to, int period, double[] out) {
    if (Warmup.fill(out, from, to, period)) {
      for (int i = from + period; i < to; i++) {
        double earlier = x[i - period];
        out[i] = earlier != 0.0 ? ((x[i] / earlier) - 1.0) * 100.0 : 0.0;
      }
    }
  }

  static void mom(double[] x, int from, int to, int period, double[] out) {
    if (Warmup.fill(out, from, to, period)) {
      for (int i = from + period; i < to; i++) {
        out[i] = x[i] - x[i - period];
      }
    }
  }

  static int macdLookback(int fast, int slow, int signal) {
    return Math.max(fast, slow) - 1 + signal - 1;
  }

  /**
   * MACD with TA-Lib's alignment: both EMAs start where the slow one can (the fast one seeded with the SMA of the
   * fast period ending there, not at its own first window), the signal line is an EMA of the MACD line, and every
   * line starts where the signal does. A slow period shorter than the fast one is swapped, as TA-Lib does.
   * Lines: macd, signal, histogram.
   */
  static void macd(double[] x, int from, int to, int fast, int slow, int signal, double[][] out) {
    if (!Warmup.fill(out, from, to, macdLookback(fast, slow, signal))) {
      return;
    }
    int shorter = Math.min(fast, slow);
    int longer = Math.max(fast, slow);
    double[] line = out[0];
    double[] slowEma = out[1];
    int start = from + longer - 1;
    MovingAverages.emaFrom(x, start, to, longer, slowEma);
    MovingAverages.emaFrom(x, start, to, shorter, line);
    for (int i = start; i < to; i++) {
      line[i] -= slowEma[i];
    }
    int first = start + signal - 1;
    MovingAverages.emaFrom(line, first, to, signal, out[1]);
    for (int i = first; i < to; i++) {
      out[2][i] = line[i] - out[1][i];
    }
    // the EMAs wrote the lines before the signal's warm-up ended; TA-Lib starts every line with the signal
    Arrays.fill(line, from, first, Double.NaN);
    Arrays.fill(out[1], from, first, Double.NaN);
  }
}
