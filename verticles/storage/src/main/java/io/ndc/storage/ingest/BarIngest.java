package io.ndc.storage.ingest;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.storage.bars.BarCsv;
import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.BarValidator;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.bars.RowValues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Bar ingest from JSON rows or CSV: validates every row, rejects duplicates of a key within the batch (the first
 * one counts), writes the rest through {@link BarWriter} and reports what was done, then lets {@link
 * BatchCommitted} tell the cache and the bus. An upload over the row limit is refused whole (413). Parsing and
 * validating more than {@link #ON_LOOP_ROWS} rows runs on a worker thread: an upload of 100k rows takes a while, and
 * the event loop serves other requests meanwhile.
 */
public final class BarIngest {
  /** Batches up to this size (live bars, small collections) are checked on the loop: a worker hop would cost more. */
  static final int ON_LOOP_ROWS = 64;
  private final Vertx vertx;
  private final BarWriter writer;
  private final BatchCommitted committed;
  private final int maxRows;
  private final Duration intradayRetention;

  public BarIngest(Vertx vertx, BarWriter writer, BatchCommitted committed, int maxRows, Duration intradayRetention) {
    this.vertx = vertx;
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
    return checked(rows.size(), () -> validate(interval, null, inputs(rows))).compose(batch -> write(source, interval, batch));
  }

  private static List<Input> inputs(JsonArray rows) {
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
    return inputs;
  }

  /** {@code {"csv","symbol"?,"interval"?,"source"?}} */
  public Future<JsonObject> ingestCsv(JsonObject request) {
    Interval interval = Interval.parseStored(request.getString("interval"));
    String source = source(request.getString("source", "import"));
    String symbol = RowValues.symbol(request.getString("symbol"));
    String csv = request.getString("csv");
    // a CSV row is at least a dozen characters: the text's length says whether the parse is worth a worker
    int rowsAtMost = csv == null ? 0 : csv.length() / 12;
    return checked(rowsAtMost, () -> {
      List<BarCsv.RawRow> records = BarCsv.read(csv);
      checkSize(records.size());
      boolean symbolColumn = records.stream().anyMatch(r -> r.fields().containsKey("symbol"));
      if (symbol == null && !symbolColumn && !records.isEmpty()) {
        throw Failure.validation("query parameter 'symbol' is required when the CSV has no symbol column",
            new JsonObject().put("parameter", "symbol"));
      }
      return validate(interval, symbol, records.stream()
          .map(r -> new Input(r.index(), r.fields(), r.original(), r.error())).toList());
    }).compose(batch -> write(source, interval, batch));
  }

  /** Runs {@code check} on the loop for small batches, on a worker for large ones. */
  private Future<Checked> checked(int rows, Callable<Checked> check) {
    if (rows <= ON_LOOP_ROWS) {
      try {
        return Future.succeededFuture(check.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(check, false);
  }

  private record Input(int index, JsonObject fields, JsonObject original, String error) {
  }

  private record Key(String symbol, Instant ts) {
  }

  /** The valid rows of a batch and its rejections. */
  private record Checked(List<BarRow> rows, List<Rejection> rejections) {
  }

  private Checked validate(Interval interval, String defaultSymbol, List<Input> inputs) {
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
    return new Checked(rows, rejections);
  }

  private Future<JsonObject> write(String source, Interval interval, Checked batch) {
    return writer.write(source, interval, batch.rows(), batch.rejections())
        .compose(result -> committed.bars(result, interval, batch.rows()).map(v -> result.toJson()));
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
