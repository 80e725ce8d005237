package io.ndc.analysis.series;

import io.ndc.analysis.indicators.Bars;
import io.ndc.contract.BarInterval;
import java.util.Arrays;

/**
 * Bars of one symbol as storage answered them, with their data version: a hash of every bar's time and values, so
 * any revision, rollback or new bar gives another version (and a rollback to earlier data gives the earlier one).
 */
public record LoadedSeries(String symbol, String name, BarInterval interval, Bars bars, long version) {

  public static LoadedSeries of(String symbol, String name, BarInterval interval, Bars bars) {
    return new LoadedSeries(symbol, name, interval, bars, version(bars));
  }

  static long version(Bars bars) {
    long h = 0x9E3779B97F4A7C15L ^ bars.size();
    for (int i = 0; i < bars.size(); i++) {
      h = mix(h, bars.ts()[i]);
      h = mix(h, Double.doubleToLongBits(bars.open()[i]));
      h = mix(h, Double.doubleToLongBits(bars.high()[i]));
      h = mix(h, Double.doubleToLongBits(bars.low()[i]));
      h = mix(h, Double.doubleToLongBits(bars.close()[i]));
      h = mix(h, Double.doubleToLongBits(bars.volume()[i]));
    }
    return h;
  }

  private static long mix(long h, long v) {
    long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
    return x ^ (x >>> 31);
  }

  /** The bars from index {@code from} on (the arrays themselves when {@code from} is 0). */
  public Bars from(int from) {
    if (from == 0) {
      return bars;
    }
    int n = bars.size();
    return new Bars(Arrays.copyOfRange(bars.ts(), from, n), Arrays.copyOfRange(bars.open(), from, n),
        Arrays.copyOfRange(bars.high(), from, n), Arrays.copyOfRange(bars.low(), from, n),
        Arrays.copyOfRange(bars.close(), from, n), Arrays.copyOfRange(bars.volume(), from, n));
  }

  /** Index of the first bar at or after {@code epochMs} ({@code size()} when none). */
  public int indexAtOrAfter(long epochMs) {
    int i = Arrays.binarySearch(bars.ts(), epochMs);
    return i >= 0 ? i : -i - 1;
  }
}
