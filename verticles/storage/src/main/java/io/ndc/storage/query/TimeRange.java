package io.ndc.storage.query;

import io.ndc.contract.Failure;
import io.ndc.storage.bars.RowValues;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A half-open query range [start, end). Request bounds are inclusive and may be dates ({@code YYYY-MM-DD}, the
 * whole day) or instants; a missing end is now, a missing start is {@code defaultSpan} before the end.
 */
public record TimeRange(Instant start, Instant end) {

  public static TimeRange of(String startText, String endText, Duration defaultSpan, Instant now) {
    Instant end = endText == null || endText.isBlank() ? now.plus(1, ChronoUnit.MICROS) : inclusiveEnd(endText);
    Instant start = startText == null || startText.isBlank() ? end.minus(defaultSpan) : parse("start", startText);
    if (start.isAfter(end)) {
      throw Failure.validation("the start (" + startText + ") is after the end (" + endText + ")");
    }
    return new TimeRange(start, end);
  }

  private static Instant inclusiveEnd(String text) {
    Instant end = parse("end", text);
    return text.trim().length() <= 10 ? end.plus(1, ChronoUnit.DAYS) : end.plus(1, ChronoUnit.MICROS);
  }

  public static Instant parse(String what, String text) {
    try {
      return RowValues.instant(text);
    } catch (IllegalArgumentException e) {
      throw Failure.validation(what + " '" + text + "' is not a date (YYYY-MM-DD) or an ISO-8601 instant");
    }
  }
}
