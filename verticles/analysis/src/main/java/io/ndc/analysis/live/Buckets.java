package io.ndc.analysis.live;

import io.ndc.contract.BarInterval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bar of a derived interval (5m, 15m, 1h from 1m; weekly, monthly from daily) as its base bars arrive, aggregated
 * as storage aggregates them for history queries: the bucket of a base bar is its time floored to the interval
 * (5m..1h on the UTC epoch, which {@code date_bin} from 2000-01-01 equals), its UTC ISO week (Monday) or month; first
 * open, highest high, lowest low, last close, summed volume. A base bar that comes again (forming, then final)
 * replaces itself, so nothing is counted twice.
 */
final class Buckets {
  private final BarInterval target;
  private final BarInterval base;
  /** base bar time → {open, high, low, close, volume} of the bucket being built */
  private final TreeMap<Long, double[]> parts = new TreeMap<>();
  private long bucket = Long.MIN_VALUE;

  Buckets(BarInterval target) {
    this.target = target;
    this.base = target.base();
  }

  /** The start of the bucket holding the base bar at {@code epochMs}. */
  static long start(BarInterval target, long epochMs) {
    return switch (target) {
      case WEEKLY -> day(epochMs).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
          .toInstant().toEpochMilli();
      case MONTHLY -> day(epochMs).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      default -> Math.floorDiv(epochMs, target.lengthMs()) * target.lengthMs();
    };
  }

  /** The end (exclusive) of the bucket starting at {@code start}. */
  static long end(BarInterval target, long start) {
    return switch (target) {
      case WEEKLY -> start + 7 * 86_400_000L;
      case MONTHLY -> day(start).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      default -> start + target.lengthMs();
    };
  }

  private static LocalDate day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  /** Starts over with the stored base bars of the current bucket (times and columns as storage returned them). */
  void reset(long[] ts, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    parts.clear();
    bucket = Long.MIN_VALUE;
    for (int i = 0; i < ts.length; i++) {
      add(ts[i], open[i], high[i], low[i], close[i], volume[i]);
    }
  }

  /**
   * Adds a base bar; returns its bucket's bar {@code {start, open, high, low, close, volume}}, or null for a bar of an
   * earlier bucket than the one being built.
   */
  double[] add(long ts, double o, double h, double l, double c, double v) {
    long at = start(target, ts);
    if (at < bucket) {
      return null;
    }
    if (at > bucket) {
      parts.clear();
      bucket = at;
    }
    parts.put(ts, new double[] {o, h, l, c, v});
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double volume = 0;
    for (double[] p : parts.values()) {
      high = Math.max(high, p[1]);
      low = Math.min(low, p[2]);
      volume += p[4];
    }
    Map.Entry<Long, double[]> first = parts.firstEntry();
    Map.Entry<Long, double[]> last = parts.lastEntry();
    return new double[] {bucket, first.getValue()[0], high, low, last.getValue()[3], volume};
  }

  /** Whether a final base bar at {@code ts} completes its bucket (it is the bucket's last base bar). */
  boolean completes(long ts) {
    return ts + base.lengthMs() >= end(target, start(target, ts));
  }
}
