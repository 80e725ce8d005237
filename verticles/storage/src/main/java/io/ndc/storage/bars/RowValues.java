package io.ndc.storage.bars;

import io.ndc.contract.Symbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the loosely typed values sources send (numbers as JSON numbers or strings, {@code "null"} and {@code "-"}
 * for missing, several date spellings) into Java values; unreadable input is an {@link IllegalArgumentException}
 * whose message is the rejection reason.
 */
public final class RowValues {
  private static final Pattern BASIC_DATE = Pattern.compile("\\d{8}");
  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");
  private static final Pattern WITH_OFFSET = Pattern.compile(".*[+-]\\d{2}:?\\d{2}$");
  private static final DateTimeFormatter SPACE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private RowValues() {
  }

  /** Trimmed, upper-cased symbol ({@link Symbols}); null when absent. */
  public static String symbol(Object value) {
    return Symbols.normalize(value);
  }

  /** A number, or null for absent/{@code null}/{@code "-"}/empty. */
  public static Double number(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    String text = value.toString().trim();
    if (text.isEmpty() || text.equals("-") || text.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return Double.parseDouble(text.replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + text + "' is not a number");
    }
  }

  public static double required(String field, Object value) {
    Double number = number(field, value);
    if (number == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return number;
  }

  /** A calendar date as 00:00 UTC: {@code 2024-01-05}, {@code 20240105} or {@code 2024/01/05}. */
  public static Instant date(Object value) {
    String text = value.toString().trim();
    try {
      LocalDate date = isoDate(text);
      if (date == null) {
        date = BASIC_DATE.matcher(text).matches() ? LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE)
            : LocalDate.parse(text.replace('/', '-'));
      }
      // the start of the day in UTC, without a ZonedDateTime
      return Instant.ofEpochSecond(date.toEpochDay() * 86_400L);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date '" + text + "' is not a date (YYYY-MM-DD)");
    }
  }

  /**
   * {@code YYYY-MM-DD} read by hand, the common spelling, since a formatter parse per row was the largest cost of
   * ingest validation; null when the text has another shape. An impossible date (2024-02-30) throws.
   */
  private static LocalDate isoDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    return year < 0 || month < 0 || day < 0 ? null : LocalDate.of(year, month, day);
  }

  /** The decimal value of {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * An instant: ISO-8601 with offset, a local date-time taken as UTC ({@code 2024-03-26 19:55:00} or with 'T'),
   * a date, or epoch seconds (epoch milliseconds above 10^11).
   */
  public static Instant instant(Object value) {
    if (value instanceof Number n) {
      long epoch = n.longValue();
      return epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
    }
    String text = value.toString().trim();
    try {
      if (EPOCH.matcher(text).matches()) {
        return instant(Long.parseLong(text));
      }
      if (text.length() <= 10) {
        return date(text);
      }
      if (text.endsWith("Z") || WITH_OFFSET.matcher(text).matches()) {
        return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
      }
      if (text.contains("T")) {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
      return LocalDateTime.parse(text, SPACE_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("ts '" + text + "' is not an ISO-8601 instant");
    }
  }
}
