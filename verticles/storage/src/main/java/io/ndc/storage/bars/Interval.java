package io.ndc.storage.bars;

import io.ndc.contract.BarInterval;
import io.ndc.contract.BarIntervals;
import io.ndc.contract.storage.BarsIngest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Bar intervals, one per {@link BarIntervals} id, with what storage needs to know of each. The intraday ones and {@code daily} are stored (each its own partition tree); {@code weekly} and
 * {@code monthly} are aggregated from daily bars at query time. Daily and longer bars are keyed by their date at
 * 00:00 UTC; intraday bars by the UTC instant they start.
 */
public enum Interval {
  M1("1m", Duration.ofMinutes(1), true),
  M5("5m", Duration.ofMinutes(5), true),
  M15("15m", Duration.ofMinutes(15), true),
  H1("1h", Duration.ofHours(1), true),
  DAILY("daily", Duration.ofDays(1), true),
  WEEKLY("weekly", Duration.ofDays(7), false),
  MONTHLY("monthly", Duration.ofDays(31), false);

  private static final long SECONDS_PER_DAY = 86_400;

  private final String id;
  private final Duration length;
  private final boolean stored;

  Interval(String id, Duration length, boolean stored) {
    this.id = id;
    this.length = length;
    this.stored = stored;
  }

  public String id() {
    return id;
  }

  public Duration length() {
    return length;
  }

  /** Whether bars of this interval are ingested and kept (weekly and monthly are derived). */
  public boolean stored() {
    return stored;
  }

  public boolean intraday() {
    return length.compareTo(Duration.ofDays(1)) < 0;
  }

  /** The partitioned child of {@code bars} holding this interval. */
  public String table() {
    return "bars_" + id;
  }

  /** Whether {@code ts} is a possible start of a bar of this interval. */
  public boolean aligned(Instant ts) {
    if (!intraday()) {
      return Math.floorMod(ts.getEpochSecond(), SECONDS_PER_DAY) == 0 && ts.getNano() == 0;
    }
    return ts.getNano() == 0 && ts.getEpochSecond() % length.getSeconds() == 0;
  }

  /** How a bar's time is written in replies: a date for daily and longer, an instant for intraday. */
  public String timeField() {
    return intraday() ? "ts" : "date";
  }

  public Object format(Instant ts) {
    return intraday() ? ts.toString() : LocalDate.ofInstant(ts, ZoneOffset.UTC).toString();
  }

  /** The interval of an id (null or blank: daily), read by the contract's one rule ({@link BarInterval#parse}). */
  public static Interval parse(String text) {
    return of(BarInterval.parse(text));
  }

  /** Storage's view of a contract interval (the same id). */
  public static Interval of(BarInterval interval) {
    return valueOf(interval.name());
  }

  /** An interval that can be ingested ({@link BarsIngest#storedInterval}: weekly and monthly derive from daily bars). */
  public static Interval parseStored(String text) {
    return of(BarsIngest.storedInterval(text));
  }
}
