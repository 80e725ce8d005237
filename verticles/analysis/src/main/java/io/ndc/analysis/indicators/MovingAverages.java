package io.ndc.analysis.indicators;

/**
 * SMA, EMA, WMA, DEMA and TEMA as TA-Lib computes them (running sums in TA-Lib's order, EMA seeded with the SMA
 * of its first period), each over the run {@code [from, to)} of {@code x} into {@code out}.
 */
final class MovingAverages {
  private MovingAverages() {}

  static void sma(double[] x, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period - 1)) {
      return;
    }
    smaFrom(x, from, to, period, out);
  }

  /** SMA of the run that starts at {@code from}, without touching the warm-up positions of {@code out}. */
  static void smaFrom(double[] x, int from, int to, int period, double[] out) {
    double total = 0;
    int i = from;
    for (; i < from + period - 1; i++) {
      total += x[i];
    }
    for (int trailing = from; i < to; i++, trailing++) {
      total += x[i];
      out[i] = total / period;
      total -= x[trailing];
    }
  }

  static void ema(double[] x, int from, int to, int period, double[] out) {
    if (Warmup.fill(out, from, to, period - 1)) {
      emaFrom(x, from + period - 1, to, period, out);
    }
  }

  /**
   * EMA whose first value, at {@code first}, is the SMA of the period ending there: TA-Lib's internal EMA started
   * at {@code first}, which MACD starts later than a plain EMA. Safe in place ({@code out == x}).
   */
  static void emaFrom(double[] x, int first, int to, int period, double[] out) {
    double k = 2.0 / (period + 1);
    double sum = 0;
    for (int i = first - period + 1; i <= first; i++) {
      sum += x[i];
    }
    double previous = sum / period;
    out[first] = previous;
    for (int i = first + 1; i < to; i++) {
      previous = (x[i] - previous) * k + previous;
      out[i] = previous;
    }
  }

  /** Weights 1..period, the newest heaviest; TA-Lib's running form (sum and weighted sum) rather than a loop per value. */
  static void wma(double[] x, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period - 1)) {
      return;
    }
    double divider = (period * (period + 1)) >> 1;
    double sum = 0;
    double weighted = 0;
    int i = from;
    for (int weight = 1; i < from + period - 1; i++, weight++) {
      sum += x[i];
      weighted += x[i] * weight;
    }
    double trailingValue = 0;
    for (int trailing = from; i < to; i++, trailing++) {
      sum += x[i];
      sum -= trailingValue;
      weighted += x[i] * period;
      trailingValue = x[trailing];
      out[i] = weighted / divider;
      weighted -= sum;
    }
  }

  /** 2·EMA − EMA(EMA), both plain EMAs of the period. */
  static void dema(double[] x, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, 2 * (period - 1))) {
      return;
    }
    double[] first = new double[to];
    emaFrom(x, from + period - 1, to, period, first);
    emaFrom(first, from + 2 * (period - 1), to, period, out);
    for (int i = from + 2 * (period - 1); i < to; i++) {
      out[i] = 2.0 * first[i] - out[i];
    }
  }

  /** 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)), summed in TA-Lib's order. */
  static void tema(double[] x, int from, int to, int period, double[] out) {
    int lookback = period - 1;
    if (!Warmup.fill(out, from, to, 3 * lookback)) {
      return;
    }
    double[] first = new double[to];
    double[] second = new double[to];
    emaFrom(x, from + lookback, to, period, first);
    emaFrom(first, from + 2 * lookback, to, period, second);
    emaFrom(second, from + 3 * lookback, to, period, out);
    for (int i = from + 3 * lookback; i < to; i++) {
      out[i] += 3.0 * first[i] - 3.0 * second[i];
    }
  }
}
