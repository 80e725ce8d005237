package io.ndc.storage.query;

import io.ndc.contract.Failure;
import io.ndc.storage.bars.RowValues;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A half-open query range [start, end). Request bounds are inclusive and may be dates ({@code YYYY-MM-DD}, the
 * whole day) or instants. A missing end is open ({@link #OPEN_END}: everything stored from the start on), a missing
 * start is {@code defaultSpan} before the end, or before now when the end is open, floored to {@code grain}.
 * Both rules make the same request name the same range for a while, which is what lets a cache answer it: an open
 * end written as "now" named a new range, and a new cache key, on every request.
 */
public record TimeRange(Instant start, Instant end) {
  /** The end of a range without one; later than any stored row, and a fixed value in cache keys. */
  public static final Instant OPEN_END = Instant.parse("9999-12-31T00:00:00Z");
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  public static TimeRange of(String startText, String endText, Duration defaultSpan, Duration grain, Instant now) {
    boolean openEnd = endText == null || endText.isBlank();
    Instant end = openEnd ? OPEN_END : inclusiveEnd(endText);
    Instant start = startText == null || startText.isBlank()
        ? floor((openEnd ? now : end).minus(defaultSpan), grain) : parse("start", startText);
    if (start.isAfter(end)) {
      throw Failure.validation("the start (" + startText + ") is after the end (" + endText + ")");
    }
    return new TimeRange(start, end);
  }

  private static Instant floor(Instant t, Duration grain) {
    long grainMs = grain.toMillis();
    return grainMs <= 1 ? t : Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), grainMs) * grainMs);
  }

  private static Instant inclusiveEnd(String text) {
    Instant end = parse("end", text);
    return text.trim().length() <= 10 ? end.plus(1, ChronoUnit.DAYS) : end.plus(1, ChronoUnit.MICROS);
  }

  /**
   * A request's date or instant. Years 1 to 9999 only: PostgreSQL cannot compare with instants far outside them
   * (year 0 and BC dates fail as "timestamp out of range"), and no stored row lies there.
   */
  public static Instant parse(String what, String text) {
    Instant parsed;
    try {
      parsed = RowValues.instant(text);
    } catch (IllegalArgumentException e) {
      throw Failure.validation(what + " '" + text + "' is not a date (YYYY-MM-DD) or an ISO-8601 instant");
    }
    if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
      throw Failure.validation(what + " '" + text + "' is outside the dates NDC reads (0001-01-01 to 9999-12-31)");
    }
    return parsed;
  }
}
