package io.ndc.collector.store;

import io.ndc.collector.source.Dataset;
import io.ndc.contract.BarIntervals;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.Symbols;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** What to collect: a source, a dataset, symbols, an interval and a date window, or a live feed. */
public record Collector(UUID id, String sourceId, Dataset dataset, List<String> symbols, String interval, LocalDate startDate,
    LocalDate endDate, boolean live, JsonObject params) {

  /** Reads and validates a request body ({@code POST /collectors} or an existing collector merged with a PATCH). */
  public static Collector fromRequest(UUID id, JsonObject body) {
    String source = body.getString("source");
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source is required");
    }
    boolean live = body.getBoolean("live", false);
    Dataset dataset = Dataset.of(body.getString("dataset", live ? "trades" : "bars"));
    List<String> symbols = symbols(body.getValue("symbols"), live);
    String interval = body.getString("interval");
    if (dataset == Dataset.BARS || interval != null) {
      interval = BarIntervals.require(interval == null ? "daily" : interval);
    }
    LocalDate start = date(body, "start_date");
    LocalDate end = date(body, "end_date");
    if (start != null && end != null && start.isAfter(end)) {
      throw new IllegalArgumentException("start_date must not be after end_date");
    }
    if (!live && dataset == Dataset.TRADES) {
      throw new IllegalArgumentException("trades are collected by live collectors only: set \"live\": true");
    }
    if (live && dataset != Dataset.TRADES && dataset != Dataset.BARS) {
      throw new IllegalArgumentException("a live collector collects trades (and their 1m bars); dataset " + dataset.id() + " cannot be live");
    }
    JsonObject params = body.getJsonObject("params", new JsonObject());
    return new Collector(id, source, dataset, symbols, interval, start, end, live, params);
  }

  private static List<String> symbols(Object value, boolean live) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("symbols must be a non-empty array");
    }
    if (array.size() > 10_000) {
      throw new IllegalArgumentException("at most 10000 symbols per collector");
    }
    LinkedHashSet<String> symbols = new LinkedHashSet<>();
    List<String> invalid = new ArrayList<>();
    for (Object o : array) {
      String s = o instanceof String str ? str.trim() : null;
      if (s != null && s.equals(MarketAddresses.ALL_SYMBOLS) && live) {
        symbols.add(s);
      } else if (s != null && Symbols.valid(s.toUpperCase(java.util.Locale.ROOT))) {
        symbols.add(s.toUpperCase(java.util.Locale.ROOT));
      } else {
        invalid.add(String.valueOf(o));
      }
    }
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException("invalid symbols " + invalid + " (" + Symbols.RULE + (live ? "" : "; \"*\" is allowed for live collectors only") + ")");
    }
    if (symbols.contains(MarketAddresses.ALL_SYMBOLS) && symbols.size() > 1) {
      throw new IllegalArgumentException("\"*\" stands alone in symbols");
    }
    return List.copyOf(symbols);
  }

  private static LocalDate date(JsonObject body, String field) {
    String text = body.getString(field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD, not '" + text + "'");
    }
  }

  static Collector fromRow(Row row) {
    return new Collector(row.getUUID("id"), row.getString("source_id"), Dataset.of(row.getString("dataset")),
        Arrays.asList(row.getArrayOfStrings("symbols")), row.getString("interval"), row.getLocalDate("start_date"),
        row.getLocalDate("end_date"), row.getBoolean("live"), (JsonObject) row.getValue("params"));
  }

  /** The symbols to collect: {@code ["*"]} stands for every symbol the source offers. */
  public List<String> symbolsFrom(io.ndc.collector.source.SourceAdapter adapter) {
    return symbols.equals(List.of(MarketAddresses.ALL_SYMBOLS)) ? adapter.allSymbols() : symbols;
  }

  /** The request form: what {@link #fromRequest} reads back (used to apply a PATCH). */
  public JsonObject toRequest() {
    return new JsonObject().put("source", sourceId).put("dataset", dataset.id()).put("symbols", new JsonArray(symbols))
        .put("interval", interval).put("start_date", startDate == null ? null : startDate.toString())
        .put("end_date", endDate == null ? null : endDate.toString()).put("live", live).put("params", params);
  }

  public JsonObject toJson() {
    return toRequest().put("id", id.toString());
  }
}
