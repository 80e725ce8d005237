package io.ndc.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading request fields that arrive as JSON values or as query-parameter text; every problem is a 400 naming the field. */
public final class Fields {

  private Fields() {
  }

  public static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
      throw Failure.validation("'" + field + "' must be text");
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  /**
   * A JSON body's text field, strictly: a string (trimmed) or absent/null/blank (null); a number or a boolean is a 400,
   * never turned into text ({@code 1e400} would become "Infinity").
   */
  public static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Failure.validation("'" + field + "' must be a string", new JsonObject().put("field", field));
    }
    return value == null || ((String) value).isBlank() ? null : ((String) value).trim();
  }

  public static String requiredText(JsonObject json, String field) {
    String text = text(json, field);
    if (text == null) {
      throw Failure.validation("'" + field + "' is required");
    }
    return text;
  }

  public static String symbol(JsonObject json, String field) {
    return symbol(requiredText(json, field));
  }

  public static String symbol(String value) {
    try {
      String symbol = Symbols.normalize(value);
      if (symbol == null) {
        throw new IllegalArgumentException("symbol is required");
      }
      return symbol;
    } catch (IllegalArgumentException e) {
      throw Failure.validation(e.getMessage());
    }
  }

  /** A date ({@code YYYY-MM-DD}) or an ISO-8601 instant, kept as given once it parses. */
  public static String time(JsonObject json, String field) {
    String text = text(json, field);
    if (text != null) {
      instant(field, text);
    }
    return text;
  }

  public static Instant instant(String field, String text) {
    try {
      if (text.length() <= 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
      }
      return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw Failure.validation(field + " '" + text + "' is not a date (YYYY-MM-DD) or an ISO-8601 instant");
    }
  }

  /** A JSON array of strings, or one comma-separated text; empty when absent. */
  public static List<String> list(JsonObject json, String field) {
    Object value = json.getValue(field);
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw Failure.validation("'" + field + "' must be a list of text");
        }
        out.add(s.trim());
      }
      return out;
    }
    if (!(value instanceof String text)) {
      throw Failure.validation("'" + field + "' must be a list or comma-separated text");
    }
    if (!text.isBlank()) {
      for (String part : text.split(",", -1)) {
        out.add(part.trim());
      }
    }
    return out;
  }

  public static int integer(JsonObject json, String field, int defaultValue, int min, int max) {
    String text = text(json, field);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Failure.validation("'" + field + "' must be a whole number " + min + ".." + max + " (got '" + text + "')");
  }

  public static boolean bool(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return false;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return text.equals("true");
    }
    throw Failure.validation("'" + field + "' must be true or false");
  }

  /** Start not after end, when both are given. */
  public static void ordered(String start, String end) {
    if (start != null && end != null && instant("start_date", start).isAfter(instant("end_date", end))) {
      throw Failure.validation("start_date (" + start + ") is after end_date (" + end + ")");
    }
  }

  public static JsonObject putIfPresent(JsonObject json, String field, Object value) {
    return value == null ? json : json.put(field, value);
  }
}
