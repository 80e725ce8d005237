package io.ndc.collector.source.csv;

import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads bar CSV with a header row, columns matched case-insensitively ({@code date} or {@code ts}, {@code open},
 * {@code high}, {@code low}, {@code close}, {@code volume}, optional {@code adj close}/{@code adj_close}), as Yahoo,
 * Stooq and plain exports write it. The body is checked before it is trusted: an HTML page or Stooq's
 * {@code No data} served with HTTP 200 is a rejected request, not an empty series. A value that is not a number is
 * passed on as written so storage records the row in its rejections with the reason, instead of it vanishing here.
 */
public final class CsvBarParser {
  private static final List<DateTimeFormatter> DATES = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("yyyy/MM/dd"));

  private CsvBarParser() {
  }

  public static List<JsonObject> parse(String text, String symbol, boolean daily, LocalDate from, LocalDate to, ZoneId zone) {
    String body = text == null ? "" : text.strip();
    if (body.startsWith("\uFEFF")) {
      body = body.substring(1);
    }
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.startsWith("<") || lower.contains("<html")) {
      throw SourceFailure.rejected("the CSV source served an HTML page where CSV was expected (symbol " + symbol + ")");
    }
    if (body.isEmpty() || lower.equals("no data")) {
      throw SourceFailure.rejected("the CSV source has no data for " + symbol);
    }
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
        .setIgnoreEmptyLines(true).get().parse(new StringReader(body))) {
      Map<String, String> columns = columns(parser.getHeaderNames());
      String timeColumn = columns.containsKey("date") ? columns.get("date") : columns.get("ts");
      List<String> missing = new ArrayList<>();
      if (timeColumn == null) {
        missing.add("date or ts");
      }
      for (String name : List.of("open", "high", "low", "close", "volume")) {
        if (!columns.containsKey(name)) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        throw SourceFailure.rejected("the CSV for " + symbol + " lacks columns " + missing);
      }
      List<JsonObject> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        JsonObject row = row(record, columns, timeColumn, symbol, daily, from, to, zone);
        if (row != null) {
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw SourceFailure.rejected("the CSV for " + symbol + " cannot be read: " + e.getMessage());
    }
  }

  private static Map<String, String> columns(List<String> header) {
    Map<String, String> columns = new HashMap<>();
    for (String name : header) {
      String key = name.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
      switch (key) {
        case "date", "ts", "open", "high", "low", "close", "volume" -> columns.put(key, name);
        case "adj close" -> columns.put("adj_close", name);
        default -> {
          // other columns (symbol, time, oi...) are not bar fields
        }
      }
    }
    return columns;
  }

  private static JsonObject row(CSVRecord record, Map<String, String> columns, String timeColumn, String symbol, boolean daily,
      LocalDate from, LocalDate to, ZoneId zone) {
    if (!record.isConsistent()) {
      throw SourceFailure.rejected("the CSV for " + symbol + " has a ragged line " + record.getRecordNumber());
    }
    String time = record.get(timeColumn);
    JsonObject row = new JsonObject().put("symbol", symbol);
    if (daily) {
      LocalDate date = date(time);
      if (date.isBefore(from) || date.isAfter(to)) {
        return null;
      }
      row.put("date", date.toString());
    } else {
      Instant ts = instant(time, zone);
      LocalDate date = ts.atZone(zone).toLocalDate();
      if (date.isBefore(from) || date.isAfter(to)) {
        return null;
      }
      row.put("ts", ts.toString());
    }
    for (String field : List.of("open", "high", "low", "close", "volume", "adj_close")) {
      String column = columns.get(field);
      if (column != null) {
        row.put(field, value(record.get(column)));
      }
    }
    return row;
  }

  private static Object value(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return text;
    }
  }

  static LocalDate date(String text) {
    String t = text.trim();
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(t.length() > 10 && f == DateTimeFormatter.ISO_LOCAL_DATE ? t.substring(0, 10) : t, f);
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    throw SourceFailure.rejected("the CSV has an unreadable date '" + text + "'");
  }

  private static Instant instant(String text, ZoneId zone) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
      } catch (DateTimeParseException e2) {
        throw SourceFailure.rejected("the CSV has an unreadable time '" + text + "'");
      }
    }
  }
}
