package io.ndc.storage.bars;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads bar CSV exports (Yahoo, Stooq with or without {@code Symbol}/{@code Time}, plain) into raw rows with the
 * field names of the JSON ingest, so one validator checks both. Header names match case-insensitively; a BOM,
 * CRLF, quoted fields and blank lines are fine. A file that lacks needed columns or cannot be parsed as CSV is
 * refused whole (nothing is written); a record whose field count differs from the header becomes a rejected row.
 */
public final class BarCsv {
  private static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("date", "date"), Map.entry("ts", "ts"), Map.entry("timestamp", "ts"), Map.entry("datetime", "ts"),
      Map.entry("time", "time"), Map.entry("open", "open"), Map.entry("high", "high"), Map.entry("low", "low"),
      Map.entry("close", "close"), Map.entry("volume", "volume"), Map.entry("vol", "volume"),
      Map.entry("adj close", "adj_close"), Map.entry("adj_close", "adj_close"), Map.entry("adjclose", "adj_close"),
      Map.entry("symbol", "symbol"), Map.entry("ticker", "symbol"));

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true)
      .setIgnoreSurroundingSpaces(true)
      .setAllowMissingColumnNames(true)
      .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
      .get();

  private BarCsv() {
  }

  /**
   * One data record: its 1-based index among data records, the fields under ingest names, the record as it came
   * (column name to text, kept for the rejection log) and, for a malformed record, why.
   */
  public record RawRow(int index, JsonObject fields, JsonObject original, String error) {
  }

  public static List<RawRow> read(String text) {
    List<RawRow> rows = new ArrayList<>();
    parse(text, (header, names) -> record -> rows.add(row(rows.size() + 1, record, header, names)));
    return rows;
  }

  /**
   * The same rows as {@link #read} as {@link RawBars} columns, without a JSON object per row: the record as it came
   * is only built for rows that are refused.
   */
  public static RawBars columns(String text) {
    List<String[]> records = new ArrayList<>();
    List<String> headerNames = new ArrayList<>();
    RawBars[] bars = new RawBars[1];
    parse(text, (header, names) -> {
      headerNames.addAll(header);
      bars[0] = new RawBars(text.length() / 40 + 4, at -> original(records.get(at), headerNames));
      return record -> {
        String[] values = record.values();
        records.add(values);
        fill(bars[0], bars[0].add(records.size()), values, header.size(), names);
      };
    });
    return bars[0];
  }

  private static void fill(RawBars bars, int at, String[] values, int headerSize, String[] names) {
    String date = null;
    String ts = null;
    String time = null;
    for (int i = 0; i < values.length; i++) {
      String value = values[i];
      String name = i < names.length ? names[i] : null;
      if (name == null || value.isEmpty()) {
        continue;
      }
      switch (name) {
        case "date" -> date = value;
        case "ts" -> ts = value;
        case "time" -> time = value;
        default -> bars.set(at, name, value);
      }
    }
    if (time != null && date != null && ts == null) {
      ts = date + " " + clock(time);
      date = null;
    }
    bars.set(at, "date", date);
    bars.set(at, "ts", ts);
    if (values.length != headerSize) {
      bars.reject(at, fieldCount(values.length, headerSize));
    }
  }

  private static String fieldCount(int fields, int headerSize) {
    return "the record has " + fields + " fields, the header has " + headerSize;
  }

  private static JsonObject original(String[] values, List<String> header) {
    JsonObject original = new JsonObject();
    for (int i = 0; i < values.length; i++) {
      original.put(i < header.size() ? header.get(i) : "column_" + (i + 1), values[i]);
    }
    return original;
  }

  /** What to do with the records of a CSV once its header is known (the header as written and its ingest names). */
  private interface Reader {
    java.util.function.Consumer<CSVRecord> start(List<String> header, String[] names);
  }

  private static void parse(String text, Reader reader) {
    String body = text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body == null || body.isBlank()) {
      throw Failure.validation("the CSV body is empty");
    }
    CSVParser parser;
    try {
      parser = CSVParser.parse(new StringReader(body), FORMAT);
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw unreadable(e, 1);
    }
    try (parser) {
      List<String> header = parser.getHeaderNames();
      String[] names = header.stream().map(h -> COLUMNS.get(h.trim().toLowerCase(Locale.ROOT))).toArray(String[]::new);
      checkColumns(header, names);
      java.util.function.Consumer<CSVRecord> rows = reader.start(header, names);
      for (CSVRecord record : parser) {
        rows.accept(record);
      }
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw unreadable(e, parser.getCurrentLineNumber());
    }
  }

  /**
   * The parser's complaint in NDC's words, with the line: its own messages name its classes
   * ({@code org.apache.commons.csv.CSVException}), which tell a client nothing.
   */
  private static Failure unreadable(Exception e, long line) {
    String message = String.valueOf(e.getMessage());
    String problem = message.contains("EOF reached before encapsulated token finished") ? "a quoted field is not closed"
        : message.contains("invalid char between encapsulated token and delimiter") ? "text follows a closing quote"
        : message.contains("duplicate name") ? "a column name appears twice in the header"
        : "a row cannot be read";
    return Failure.validation("the body is not readable CSV: " + problem + " (line " + Math.max(1, line) + ")");
  }

  private static void checkColumns(List<String> header, String[] names) {
    TreeSet<String> present = new TreeSet<>();
    for (String name : names) {
      if (name != null) {
        present.add(name);
      }
    }
    List<String> missing = new ArrayList<>();
    if (!present.contains("date") && !present.contains("ts")) {
      missing.add("date or ts");
    }
    for (String needed : List.of("open", "high", "low", "close")) {
      if (!present.contains(needed)) {
        missing.add(needed);
      }
    }
    if (!missing.isEmpty()) {
      throw Failure.validation("the CSV header lacks " + String.join(", ", missing) + " (header: " + header + ")",
          new JsonObject().put("missing", missing).put("header", header));
    }
  }

  private static RawRow row(int index, CSVRecord record, List<String> header, String[] names) {
    JsonObject original = new JsonObject();
    JsonObject fields = new JsonObject();
    for (int i = 0; i < record.size(); i++) {
      String value = record.get(i);
      original.put(i < header.size() ? header.get(i) : "column_" + (i + 1), value);
      if (i < names.length && names[i] != null && !value.isEmpty()) {
        fields.put(names[i], value);
      }
    }
    String time = fields.getString("time");
    if (time != null) {
      fields.remove("time");
      if (fields.containsKey("date") && !fields.containsKey("ts")) {
        fields.put("ts", fields.getString("date") + " " + clock(time));
        fields.remove("date");
      }
    }
    String error = record.size() == header.size() ? null : fieldCount(record.size(), header.size());
    return new RawRow(index, fields, original, error);
  }

  /** Stooq writes times as {@code 153000} or {@code 15:30:00}. */
  private static String clock(String time) {
    String t = time.trim();
    return t.matches("\\d{6}") ? t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + t.substring(4) : t;
  }
}
