package io.ndc.analysis.indicators;

/**
 * Wilder's directional movement as TA-Lib computes it: +DM, -DM and true range summed over the first
 * {@code period - 1} moves, then smoothed by {@code x - x/period + today} from the {@code period}-th move on,
 * +DI and -DI being {@code 100 · DM / TR}. ADX averages the first {@code period} DX values, then smooths them.
 */
final class Directional {

  private final Columns in;
  private final int period;
  private double plusDm;
  private double minusDm;
  private double trueRange;

  private Directional(Columns in, int period) {
    this.in = in;
    this.period = period;
  }

  /** Sums the moves of bars {@code from + 1 .. from + period - 1}. */
  private static Directional seeded(Columns in, int from, int period) {
    Directional state = new Directional(in, period);
    for (int i = from + 1; i < from + period; i++) {
      state.plusDm += state.plus(i);
      state.minusDm += state.minus(i);
      state.trueRange += Volatility.trueRange(in.high(), in.low(), in.close(), i);
    }
    return state;
  }

  /** Up move when it is positive and larger than the down move; only one of the two counts on a bar. */
  private double plus(int i) {
    double up = in.high()[i] - in.high()[i - 1];
    double down = in.low()[i - 1] - in.low()[i];
    return up > 0 && up > down ? up : 0.0;
  }

  private double minus(int i) {
    double up = in.high()[i] - in.high()[i - 1];
    double down = in.low()[i - 1] - in.low()[i];
    return down > 0 && down > up ? down : 0.0;
  }

  private void smooth(int i) {
    plusDm = plusDm - plusDm / period + plus(i);
    minusDm = minusDm - minusDm / period + minus(i);
    trueRange = trueRange - trueRange / period + Volatility.trueRange(in.high(), in.low(), in.close(), i);
  }

  private double plusDi() {
    return TaLibMath.isZero(trueRange) ? 0.0 : 100.0 * (plusDm / trueRange);
  }

  private double minusDi() {
    return TaLibMath.isZero(trueRange) ? 0.0 : 100.0 * (minusDm / trueRange);
  }

  /** DX, or NaN where TA-Lib keeps the previous ADX (no range, or no directional movement at all). */
  private double dx() {
    if (TaLibMath.isZero(trueRange)) {
      return Double.NaN;
    }
    double minus = 100.0 * (minusDm / trueRange);
    double plus = 100.0 * (plusDm / trueRange);
    double sum = minus + plus;
    return TaLibMath.isZero(sum) ? Double.NaN : 100.0 * (Math.abs(minus - plus) / sum);
  }

  /** +DI and -DI (TA-Lib PLUS_DI and MINUS_DI), both from bar {@code period}. Lines: plus_di, minus_di. */
  static void dmi(Columns in, int from, int to, int period, double[][] out) {
    if (!Warmup.fill(out, from, to, period)) {
      return;
    }
    Directional state = seeded(in, from, period);
    for (int i = from + period; i < to; i++) {
      state.smooth(i);
      out[0][i] = state.plusDi();
      out[1][i] = state.minusDi();
    }
  }

  static int adxLookback(int period) {
    return 2 * period - 1;
  }

  /** ADX from bar {@code 2·period - 1}: the mean of the first {@code period} DX values, then Wilder-smoothed. */
  static void adx(Columns in, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, adxLookback(period))) {
      return;
    }
    Directional state = seeded(in, from, period);
    double sum = 0;
    for (int i = from + period; i < from + 2 * period; i++) {
      state.smooth(i);
      double dx = state.dx();
      if (!Double.isNaN(dx)) {
        sum += dx;
      }
    }
    double adx = sum / period;
    out[from + adxLookback(period)] = adx;
    for (int i = from + 2 * period; i < to; i++) {
      state.smooth(i);
      double dx = state.dx();
      if (!Double.isNaN(dx)) {
        adx = (adx * (period - 1) + dx) / period;
      }
      out[i] = adx;
    }
  }
}
