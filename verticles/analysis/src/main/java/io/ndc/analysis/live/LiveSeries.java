package io.ndc.analysis.live;

import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.series.LoadedSeries;
import io.ndc.analysis.series.Window;
import io.ndc.contract.BarInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One symbol's bars at one interval as live updates build them: the bars since the anchor (the bar's UTC day
 * intraday, its UTC year for daily and longer) and before it the warm-up storage holds, grown by each update (a
 * forming bar replaces itself until final). {@link #window()} is what a history query with {@code start_date} on
 * the anchor and {@code end_date} on the latest bar reads, so live values equal those of the query. The columns are
 * kept exactly as long as the bars (a new bar, once a minute at most, reallocates them), so {@link #window()} wraps
 * them without copying on every update; a window is used before the next update changes the forming bar in place.
 */
final class LiveSeries {
  private final String symbol;
  private final BarInterval interval;
  private final int warmup;
  private long[] ts = new long[0];
  private double[] open = new double[0];
  private double[] high = new double[0];
  private double[] low = new double[0];
  private double[] close = new double[0];
  private double[] volume = new double[0];
  private int n;
  private int first;
  private long anchor;

  LiveSeries(String symbol, BarInterval interval, int warmup) {
    this.symbol = symbol;
    this.interval = interval;
    this.warmup = warmup;
  }

  /** The anchor of the bar at {@code epochMs}: its UTC day intraday, its UTC year otherwise. */
  static long anchor(BarInterval interval, long epochMs) {
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    LocalDate start = interval.intraday() ? day : day.withDayOfYear(1);
    return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Starts over from what storage returned for the range from {@code anchor} (with its warm-up, index {@code first}). */
  void reset(Window loaded, long anchorMs) {
    Bars bars = loaded.series().bars();
    n = bars.size();
    ts = Arrays.copyOf(bars.ts(), n);
    open = Arrays.copyOf(bars.open(), ts.length);
    high = Arrays.copyOf(bars.high(), ts.length);
    low = Arrays.copyOf(bars.low(), ts.length);
    close = Arrays.copyOf(bars.close(), ts.length);
    volume = Arrays.copyOf(bars.volume(), ts.length);
    first = loaded.first();
    anchor = anchorMs;
  }

  int warmup() {
    return warmup;
  }

  long lastTs() {
    return n == 0 ? Long.MIN_VALUE : ts[n - 1];
  }

  /**
   * Applies one bar update: a later bar is appended (moving the anchor when it starts a new day or year, keeping the
   * warm-up before it), the latest bar replaced; an older one is ignored (false).
   */
  boolean update(long barTs, double o, double h, double l, double c, double v) {
    if (n > 0 && barTs < ts[n - 1]) {
      return false;
    }
    if (n == 0 || barTs > ts[n - 1]) {
      long barAnchor = anchor(interval, barTs);
      if (barAnchor > anchor) {
        anchor = barAnchor;
        first = n;
        int drop = Math.max(0, first - warmup);
        shift(drop);
      }
      grow();
      n++;
    }
    int i = n - 1;
    ts[i] = barTs;
    open[i] = o;
    high[i] = h;
    low[i] = l;
    close[i] = c;
    volume[i] = v;
    return true;
  }

  private void shift(int drop) {
    if (drop == 0) {
      return;
    }
    for (Object column : new Object[] {ts, open, high, low, close, volume}) {
      System.arraycopy(column, drop, column, 0, n - drop);
    }
    n -= drop;
    first -= drop;
    resize(n);
  }

  /** Room for one more bar, the columns then exactly as long as the bars. */
  private void grow() {
    resize(n + 1);
  }

  private void resize(int size) {
    if (ts.length == size) {
      return;
    }
    ts = Arrays.copyOf(ts, size);
    open = Arrays.copyOf(open, size);
    high = Arrays.copyOf(high, size);
    low = Arrays.copyOf(low, size);
    close = Arrays.copyOf(close, size);
    volume = Arrays.copyOf(volume, size);
  }

  /** The bars as a window (the columns themselves): warm-up, then the range from the anchor to the latest bar. */
  Window window() {
    Bars bars = new Bars(ts, open, high, low, close, volume);
    return new Window(new LoadedSeries(symbol, null, interval, bars, 0), first);
  }
}
