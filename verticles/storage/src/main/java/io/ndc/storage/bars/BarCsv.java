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
    String body = text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body == null || body.isBlank()) {
      throw Failure.validation("the CSV body is empty");
    }
    try (CSVParser parser = CSVParser.parse(new StringReader(body), FORMAT)) {
      List<String> header = parser.getHeaderNames();
      String[] names = header.stream().map(h -> COLUMNS.get(h.trim().toLowerCase(Locale.ROOT))).toArray(String[]::new);
      checkColumns(header, names);
      List<RawRow> rows = new ArrayList<>();
      int index = 0;
      for (CSVRecord record : parser) {
        index++;
        rows.add(row(index, record, header, names));
      }
      return rows;
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw Failure.validation("the body is not readable CSV: " + e.getMessage());
    }
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
    String error = record.size() == header.size() ? null
        : "the record has " + record.size() + " fields, the header has " + header.size();
    return new RawRow(index, fields, original, error);
  }

  /** Stooq writes times as {@code 153000} or {@code 15:30:00}. */
  private static String clock(String time) {
    String t = time.trim();
    return t.matches("\\d{6}") ? t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + t.substring(4) : t;
  }
}
