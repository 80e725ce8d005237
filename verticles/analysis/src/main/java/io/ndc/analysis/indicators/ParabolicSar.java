package io.ndc.analysis.indicators;

/**
 * Wilder's Parabolic SAR as TA-Lib bootstraps it: the first bar is consumed, the direction on the second is long
 * unless the first move is a larger down move (-DM &gt; 0), and the first SAR is the first bar's low (long) or
 * high (short). An acceleration above the maximum is lowered to the maximum, as TA-Lib does.
 */
final class ParabolicSar {

  private final double acceleration;
  private final double maximum;
  private boolean isLong;
  private double af;
  private double ep;
  private double sar;

  private ParabolicSar(double acceleration, double maximum) {
    this.acceleration = Math.min(acceleration, maximum);
    this.maximum = maximum;
    this.af = this.acceleration;
  }

  static void sar(Columns in, int from, int to, double acceleration, double maximum, double[] out) {
    if (!Warmup.fill(out, from, to, 1)) {
      return;
    }
    double[] high = in.high();
    double[] low = in.low();
    ParabolicSar state = new ParabolicSar(acceleration, maximum);
    int first = from + 1;
    double down = low[first - 1] - low[first];
    double up = high[first] - high[first - 1];
    state.isLong = !(down > 0 && up < down);
    state.ep = state.isLong ? high[first] : low[first];
    state.sar = state.isLong ? low[first - 1] : high[first - 1];
    // TA-Lib lets the first bar's "previous" range be its own
    double previousHigh = high[first];
    double previousLow = low[first];
    for (int i = first; i < to; i++) {
      out[i] = state.step(previousHigh, previousLow, high[i], low[i]);
      previousHigh = high[i];
      previousLow = low[i];
    }
  }

  /** Today's SAR, and tomorrow's computed; a SAR never enters yesterday's or today's range. */
  private double step(double previousHigh, double previousLow, double high, double low) {
    double today;
    if (isLong ? low <= sar : high >= sar) {
      // reversal: the extreme point of the finished trend becomes the SAR
      isLong = !isLong;
      today = isLong ? Math.min(ep, Math.min(previousLow, low)) : Math.max(ep, Math.max(previousHigh, high));
      af = acceleration;
      ep = isLong ? high : low;
      sar = today;
    } else {
      today = sar;
      if (isLong ? high > ep : low < ep) {
        ep = isLong ? high : low;
        af = Math.min(af + acceleration, maximum);
      }
    }
    sar = sar + af * (ep - sar);
    sar = isLong ? Math.min(sar, Math.min(previousLow, low)) : Math.max(sar, Math.max(previousHigh, high));
    return today;
  }
}
