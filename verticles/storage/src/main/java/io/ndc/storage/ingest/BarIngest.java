package io.ndc.storage.ingest;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.storage.bars.BarCsv;
import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.BarValidator;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.bars.RowValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bar ingest from JSON rows or CSV: validates every row, rejects duplicates of a key within the batch (the first
 * one counts), writes the rest through {@link BarWriter} and reports what was done, then lets {@link
 * BatchCommitted} tell the cache and the bus. An upload over the row limit is refused whole (413).
 */
public final class BarIngest {
  private final BarWriter writer;
  private final BatchCommitted committed;
  private final int maxRows;
  private final Duration intradayRetention;

  public BarIngest(BarWriter writer, BatchCommitted committed, int maxRows, Duration intradayRetention) {
    this.writer = writer;
    this.committed = committed;
    this.maxRows = maxRows;
    this.intradayRetention = intradayRetention;
  }

  /** {@code {"source","interval","rows":[...]}} */
  public Future<JsonObject> ingestJson(JsonObject request) {
    Interval interval = Interval.parseStored(request.getString("interval"));
    String source = source(request.getString("source"));
    Object rowsValue = request.getValue("rows");
    if (!(rowsValue instanceof JsonArray rows)) {
      throw Failure.validation("rows must be an array of bars");
    }
    checkSize(rows.size());
    List<Input> inputs = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Object row = rows.getValue(i);
      if (row instanceof JsonObject object) {
        inputs.add(new Input(i + 1, object, object, null));
      } else {
        JsonObject raw = new JsonObject().put("value", row);
        inputs.add(new Input(i + 1, raw, raw, "row is not a JSON object"));
      }
    }
    return ingest(source, interval, null, inputs);
  }

  /** {@code {"csv","symbol"?,"interval"?,"source"?}} */
  public Future<JsonObject> ingestCsv(JsonObject request) {
    Interval interval = Interval.parseStored(request.getString("interval"));
    String source = source(request.getString("source", "import"));
    String symbol = RowValues.symbol(request.getString("symbol"));
    List<BarCsv.RawRow> records = BarCsv.read(request.getString("csv"));
    checkSize(records.size());
    boolean symbolColumn = records.stream().anyMatch(r -> r.fields().containsKey("symbol"));
    if (symbol == null && !symbolColumn && !records.isEmpty()) {
      throw Failure.validation("query parameter 'symbol' is required when the CSV has no symbol column",
          new JsonObject().put("parameter", "symbol"));
    }
    List<Input> inputs = records.stream().map(r -> new Input(r.index(), r.fields(), r.original(), r.error())).toList();
    return ingest(source, interval, symbol, inputs);
  }

  private record Input(int index, JsonObject fields, JsonObject original, String error) {
  }

  private record Key(String symbol, Instant ts) {
  }

  private Future<JsonObject> ingest(String source, Interval interval, String defaultSymbol, List<Input> inputs) {
    BarValidator validator = new BarValidator(interval, Instant.now(), intradayRetention);
    List<BarRow> rows = new ArrayList<>(inputs.size());
    List<Rejection> rejections = new ArrayList<>();
    Map<Key, Integer> firstIndex = new HashMap<>();
    for (Input input : inputs) {
      String symbol = symbolOf(input.fields(), defaultSymbol);
      if (input.error() != null) {
        rejections.add(new Rejection(input.index(), symbol, input.error(), input.original()));
        continue;
      }
      BarValidator.Checked checked = validator.check(input.fields(), defaultSymbol);
      if (!checked.valid()) {
        rejections.add(new Rejection(input.index(), symbol, checked.reason(), input.original()));
        continue;
      }
      BarRow row = checked.row();
      Integer first = firstIndex.putIfAbsent(new Key(row.symbol(), row.ts()), input.index());
      if (first != null) {
        rejections.add(new Rejection(input.index(), row.symbol(),
            "duplicate of row " + first + " (same symbol and time) in this batch", input.original()));
        continue;
      }
      rows.add(row);
    }
    return writer.write(source, interval, rows, rejections)
        .compose(result -> committed.bars(result, interval, rows).map(v -> result.toJson()));
  }

  private static String symbolOf(JsonObject fields, String defaultSymbol) {
    try {
      String symbol = RowValues.symbol(fields.getValue("symbol"));
      return symbol != null ? symbol : defaultSymbol;
    } catch (IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }

  private void checkSize(int rows) {
    if (rows > maxRows) {
      throw new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "a batch holds at most " + maxRows + " rows (got " + rows
          + "); split the upload");
    }
  }

  static String source(String value) {
    String source = value == null || value.isBlank() ? "api" : value.trim();
    if (source.length() > 64) {
      throw Failure.validation("source must be at most 64 characters");
    }
    return source;
  }
}
