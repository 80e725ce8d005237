package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.Bars;
import java.util.Arrays;
import java.util.stream.LongStream;

/** Small bar sets for evaluation tests. */
final class TestBars {

  private TestBars() {}

  /** Bars whose open, high, low and close are all {@code close}, volume 1000: enough where only close matters. */
  static Bars closes(double... close) {
    double[] volume = new double[close.length];
    Arrays.fill(volume, 1000);
    return new Bars(days(close.length), close, close, close, close, volume);
  }

  static Bars of(double[] open, double[] high, double[] low, double[] close, double[] volume) {
    return new Bars(days(close.length), open, high, low, close, volume);
  }

  /** A deterministic, wavy but realistic-looking daily series of {@code n} bars. */
  static Bars wave(int n) {
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    for (int i = 0; i < n; i++) {
      close[i] = 100 + 10 * Math.sin(i / 7.0) + 3 * Math.cos(i / 2.3) + i * 0.05;
      open[i] = i == 0 ? close[i] : close[i - 1];
      high[i] = Math.max(open[i], close[i]) + 1 + Math.abs(Math.sin(i));
      low[i] = Math.min(open[i], close[i]) - 1 - Math.abs(Math.cos(i));
      volume[i] = 1_000 + 500 * Math.abs(Math.sin(i / 3.0));
    }
    return new Bars(days(n), open, high, low, close, volume);
  }

  /** The last {@code n} bars, as the service would fetch them. */
  static Bars tail(Bars bars, int n) {
    int from = bars.size() - n;
    return new Bars(
        Arrays.copyOfRange(bars.ts(), from, bars.size()),
        Arrays.copyOfRange(bars.open(), from, bars.size()),
        Arrays.copyOfRange(bars.high(), from, bars.size()),
        Arrays.copyOfRange(bars.low(), from, bars.size()),
        Arrays.copyOfRange(bars.close(), from, bars.size()),
        Arrays.copyOfRange(bars.volume(), from, bars.size()));
  }

  private static long[] days(int n) {
    return LongStream.range(0, n).map(i -> 1_700_000_000_000L + i * 86_400_000L).toArray();
  }
}
