package io.ndc.analysis.series;

import io.ndc.analysis.indicators.Bars;
import io.vertx.core.json.JsonArray;

/**
 * The bars of a request's range, {@code first} onwards, with the warm-up bars storage holds before it (at most what
 * was asked for, possibly fewer: fewer are stored).
 */
public record Window(LoadedSeries series, int first) {

  /** Bars in the range itself. */
  public int size() {
    return series.bars().size() - first;
  }

  /** Warm-up bars available before the range. */
  public int warmupBars() {
    return first;
  }

  /**
   * The bars a computation that needs {@code lookback} earlier bars starts from: exactly {@code lookback} before the
   * range when stored (so values start at its first bar, as TA-Lib over those bars), fewer when not.
   */
  public Bars barsFor(int lookback) {
    return series.from(first - Math.min(lookback, first));
  }

  /** Where the range's first bar is in {@link #barsFor(int)} of that look-back. */
  public int offsetFor(int lookback) {
    return Math.min(lookback, first);
  }

  public JsonArray dates() {
    JsonArray dates = new JsonArray();
    long[] ts = series.bars().ts();
    for (int i = first; i < ts.length; i++) {
      dates.add(series.interval().format(ts[i]));
    }
    return dates;
  }
}
