package io.ndc.analysis.indicators;

/** Money flow index, on-balance volume (as TA-Lib computes them) and VWAP. */
final class VolumeIndicators {
  private VolumeIndicators() {}

  private static final long DAY_MS = 86_400_000L;

  /**
   * MFI: positive and negative money flow (typical price × volume, signed by the typical price's change) summed
   * over {@code period} bars, {@code 100 · positive / (positive + negative)}; 0 when both sum to less than 1, as in
   * TA-Lib. A bar whose money flow leaves the window is recomputed rather than kept in a ring buffer.
   */
  static void mfi(Columns in, int from, int to, int period, double[] out) {
    if (!Warmup.fill(out, from, to, period)) {
      return;
    }
    double positive = 0;
    double negative = 0;
    // the signed flows of the last period bars, each computed once (flow i sits in slot (i - from - 1) % period)
    double[] flows = new double[period];
    int slot = 0;
    double previous = Oscillators.typicalPrice(in, from);
    double[] volume = in.volume();
    for (int i = from + 1; i < to; i++) {
      // TA-Lib's order: the flow leaving the window goes out before today's comes in
      if (i > from + period) {
        double leaving = flows[slot];
        if (leaving > 0) {
          positive -= leaving;
        } else {
          negative += leaving;
        }
      }
      double typical = Oscillators.typicalPrice(in, i);
      double change = typical - previous;
      previous = typical;
      double raw = typical * volume[i];
      double flow = change < 0 ? -raw : change > 0 ? raw : 0.0;
      flows[slot] = flow;
      slot = slot + 1 == period ? 0 : slot + 1;
      if (flow > 0) {
        positive += flow;
      } else {
        negative -= flow;
      }
      if (i >= from + period) {
        double total = positive + negative;
        out[i] = total < 1.0 ? 0.0 : 100.0 * (positive / total);
      }
    }
  }

  /** OBV from the first bar's volume, adding the volume of an up close and subtracting that of a down close. */
  static void obv(Columns in, int from, int to, double[] out) {
    double[] close = in.close();
    double obv = in.volume()[from];
    out[from] = obv;
    for (int i = from + 1; i < to; i++) {
      if (close[i] > close[i - 1]) {
        obv += in.volume()[i];
      } else if (close[i] < close[i - 1]) {
        obv -= in.volume()[i];
      }
      out[i] = obv;
    }
  }

  /**
   * VWAP of the typical price {@code (h+l+c)/3}, cumulated from each session's first bar. Bars are intraday when
   * two of them fall on one UTC day; sessions are then UTC days. Daily and longer bars form one session over the
   * whole range. NaN while a session has traded no volume.
   */
  static void vwap(Columns in, int from, int to, double[] out) {
    boolean intraday = intraday(in.ts());
    double value = 0;
    double volume = 0;
    for (int i = from; i < to; i++) {
      if (intraday && i > from && day(in.ts()[i]) != day(in.ts()[i - 1])) {
        value = 0;
        volume = 0;
      }
      value += Oscillators.typicalPrice(in, i) * in.volume()[i];
      volume += in.volume()[i];
      out[i] = volume != 0 ? value / volume : Double.NaN;
    }
  }

  private static boolean intraday(long[] ts) {
    for (int i = 1; i < ts.length; i++) {
      if (day(ts[i]) == day(ts[i - 1])) {
        return true;
      }
    }
    return false;
  }

  private static long day(long epochMillis) {
    return Math.floorDiv(epochMillis, DAY_MS);
  }
}
