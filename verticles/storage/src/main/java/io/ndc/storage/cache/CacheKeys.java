package io.ndc.storage.cache;

import io.ndc.storage.bars.Interval;
import java.time.Instant;

/**
 * The Redis keys of the storage cache under {@code <redis_prefix>storage:}: {@code latest:SYMBOL},
 * {@code instrument:SYMBOL}, {@code bars:SYMBOL|interval|start|end} (a bar query's answer) and {@code idx:SYMBOL}
 * (the set of a symbol's cached bar queries, so an invalidation finds them without a scan), and which of them a
 * change touches.
 */
record CacheKeys(String prefix) {
  private static final String BARS = "bars:";

  String latest(String symbol) {
    return prefix + "latest:" + symbol;
  }

  String instrument(String symbol) {
    return prefix + "instrument:" + symbol;
  }

  String bars(String symbol, Interval interval, Instant start, Instant end) {
    return prefix + BARS + symbol + "|" + interval.id() + "|" + start + "|" + end;
  }

  String index(String symbol) {
    return prefix + "idx:" + symbol;
  }

  /** Whether a cached bar query key can show rows of the change. */
  boolean affected(String key, Invalidation change) {
    if (!key.startsWith(prefix + BARS)) {
      return false;
    }
    if (change.interval() == null) {
      return change.from() == null && change.to() == null;
    }
    String[] parts = key.substring(prefix.length() + BARS.length()).split("\\|");
    Interval queried = Interval.parse(parts[1]);
    if (!derivesFrom(queried, change.interval())) {
      return false;
    }
    if (change.from() == null) {
      return true;
    }
    Instant start = Instant.parse(parts[2]);
    Instant end = Instant.parse(parts[3]);
    return !change.from().isAfter(end) && !change.to().isBefore(start);
  }

  /** A query at {@code queried} reads bars stored at {@code stored}: itself, and the coarser derived intervals. */
  static boolean derivesFrom(Interval queried, Interval stored) {
    if (queried == stored) {
      return true;
    }
    if (stored == Interval.DAILY) {
      return queried == Interval.WEEKLY || queried == Interval.MONTHLY;
    }
    return stored == Interval.M1 && queried.intraday();
  }
}
