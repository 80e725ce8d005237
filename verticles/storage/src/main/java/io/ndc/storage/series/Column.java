package io.ndc.storage.series;

import io.ndc.storage.bars.RowValues;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * A column of a non-bar series table: its name, its SQL array type for {@code unnest}, whether it is part of the
 * key, and how a raw JSON value becomes the Java value bound for it (throwing {@link IllegalArgumentException}
 * with the rejection reason).
 */
public record Column(String name, String sqlType, boolean key, Function<Object, Object> reader) {

  public static Column symbol() {
    return new Column("symbol", "text", true, value -> {
      String symbol = RowValues.symbol(value);
      if (symbol == null) {
        throw new IllegalArgumentException("symbol is missing");
      }
      return symbol;
    });
  }

  /** A finite number; {@code required} fails on absence, {@code nonNegative} on values below zero. */
  public static Column number(String name, boolean required, boolean nonNegative) {
    return new Column(name, "float8", false, value -> {
      Double number = RowValues.number(name, value);
      if (number == null) {
        if (required) {
          throw new IllegalArgumentException(name + " is missing");
        }
        return null;
      }
      if (!Double.isFinite(number)) {
        throw new IllegalArgumentException(name + " is not a finite number");
      }
      if (nonNegative && number < 0) {
        throw new IllegalArgumentException(name + " " + number + " is negative");
      }
      return number;
    });
  }

  public static Column integer(String name, boolean key, int min, int max) {
    return new Column(name, "int4", key, value -> {
      Double number = RowValues.number(name, value);
      if (number == null || number != Math.rint(number) || number < min || number > max) {
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
      }
      return number.intValue();
    });
  }

  public static Column text(String name, boolean key, int maxLength) {
    return new Column(name, "text", key, value -> {
      if (value == null || value.toString().isBlank()) {
        if (key) {
          throw new IllegalArgumentException(name + " is missing");
        }
        return null;
      }
      String text = value.toString().trim();
      if (text.length() > maxLength) {
        throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
      }
      return text;
    });
  }

  public static Column instant(String name) {
    return new Column(name, "timestamptz", true, value -> {
      if (value == null) {
        throw new IllegalArgumentException(name + " is missing");
      }
      return RowValues.instant(value).atOffset(ZoneOffset.UTC);
    });
  }

  public static Column date(String name) {
    return new Column(name, "date", true, value -> {
      if (value == null) {
        throw new IllegalArgumentException(name + " is missing");
      }
      Instant day = RowValues.date(value);
      return LocalDate.ofInstant(day, ZoneOffset.UTC);
    });
  }
}
