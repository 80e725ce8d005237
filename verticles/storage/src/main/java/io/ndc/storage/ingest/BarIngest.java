package io.ndc.storage.ingest;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.storage.BarsIngest;
import io.ndc.contract.storage.BarsUpload;
import io.ndc.storage.bars.BarCsv;
import io.ndc.storage.bars.BarDocument;
import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.BarValidator;
import io.ndc.storage.bars.IngestLimits;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.bars.RawBars;
import io.ndc.storage.bars.RowValues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Bar ingest from JSON rows, an upload's JSON text or CSV: validates every row, rejects duplicates of a key within
 * the batch (the first one counts), writes the rest through {@link BarWriter} and reports what was done, then lets
 * {@link BatchCommitted} tell the cache and the bus. An upload over the row limit is refused whole (413). Reading,
 * validating and ordering more than {@link #ON_LOOP_ROWS} rows runs on a worker thread: an upload of 100k rows takes
 * a while, and the event loop serves other requests meanwhile; it only sends the statement.
 */
public final class BarIngest {
  /** Batches up to this size (live bars, small collections) are checked on the loop: a worker hop would cost more. */
  static final int ON_LOOP_ROWS = 64;
  /** The fewest bytes a row of JSON text takes ({@code {"symbol":"A","date":"2024-01-02","open":1,...}} is 70). */
  private static final int MIN_JSON_ROW_BYTES = 48;
  /** The fewest characters a CSV row takes. */
  private static final int MIN_CSV_ROW_CHARS = 12;
  private final Vertx vertx;
  private final BarWriter writer;
  private final BatchCommitted committed;
  private final int maxRows;
  private final IngestLimits limits;

  public BarIngest(Vertx vertx, BarWriter writer, BatchCommitted committed, int maxRows, IngestLimits limits) {
    this.vertx = vertx;
    this.writer = writer;
    this.committed = committed;
    this.maxRows = maxRows;
    this.limits = limits;
  }

  /** {@link BarsIngest} {@code {"source","interval","rows":[...]}} or {@link BarsUpload} {@code {"document",...}}. */
  public Future<JsonObject> ingestJson(JsonObject request) {
    if (BarsUpload.isUpload(request)) {
      BarsUpload upload = BarsUpload.fromJson(request);
      return checked(upload.document().length() / MIN_JSON_ROW_BYTES,
          () -> read(upload, maxRows, Instant.now(), limits)).compose(this::write);
    }
    BarsIngest batch = BarsIngest.fromJson(request);
    checkSize(batch.rows().size(), maxRows);
    Interval interval = Interval.of(batch.interval());
    return checked(batch.rows().size(), () -> validate(batch.source(), interval, null, RawBars.of(batch.rows()),
        Instant.now(), limits)).compose(this::write);
  }

  /**
   * An upload read in one pass into columns; a document of another shape than the common one is read the plain
   * way, which refuses it as before (malformed JSON, no object) or reads it into rows.
   */
  static Checked read(BarsUpload upload, int maxRows, Instant now, IngestLimits limits) {
    BarDocument.Read document = BarDocument.read(upload.document());
    if (document == null) {
      BarsIngest batch = upload.read();
      checkSize(batch.rows().size(), maxRows);
      return validate(batch.source(), Interval.of(batch.interval()), null, RawBars.of(batch.rows()), now,
          limits);
    }
    Interval interval = Interval.of(BarsIngest.storedInterval(
        upload.interval() != null ? upload.interval() : document.interval()));
    String source = BarsIngest.source(upload.source() != null ? upload.source() : document.source());
    if (document.rows() == null) {
      BarsIngest.rows(null);
    }
    checkSize(document.rows().size(), maxRows);
    return validate(source, interval, null, document.rows(), now, limits);
  }

  /** {@code {"csv","symbol"?,"interval"?,"source"?}} */
  public Future<JsonObject> ingestCsv(JsonObject request) {
    Interval interval = Interval.parseStored(request.getString("interval"));
    String source = source(request.getString("source", "import"));
    String symbol = RowValues.symbol(request.getString("symbol"));
    String csv = request.getString("csv");
    // the text's length says whether the parse is worth a worker
    int rowsAtMost = csv == null ? 0 : csv.length() / MIN_CSV_ROW_CHARS;
    return checked(rowsAtMost, () -> readCsv(csv, symbol, source, interval, maxRows, Instant.now(), limits))
        .compose(this::write);
  }

  static Checked readCsv(String csv, String symbol, String source, Interval interval, int maxRows, Instant now,
      IngestLimits limits) {
    RawBars rows = BarCsv.columns(csv);
    checkSize(rows.size(), maxRows);
    if (symbol == null && rows.size() > 0 && !rows.anySymbol()) {
      throw Failure.validation("query parameter 'symbol' is required when the CSV has no symbol column",
          new JsonObject().put("parameter", "symbol"));
    }
    return validate(source, interval, symbol, rows, now, limits);
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

  private record Key(String symbol, Instant ts) {
  }

  /** The valid rows of a batch, ordered for the statement, and its rejections. */
  record Checked(String source, Interval interval, BarWriter.Ordered rows, List<Rejection> rejections) {
  }

  static Checked validate(String source, Interval interval, String defaultSymbol, RawBars inputs, Instant now,
      IngestLimits limits) {
    BarValidator validator = new BarValidator(interval, now, limits);
    List<BarRow> rows = new ArrayList<>(inputs.size());
    List<Rejection> rejections = new ArrayList<>();
    Map<Key, Integer> firstIndex = new HashMap<>();
    for (int at = 0; at < inputs.size(); at++) {
      int index = inputs.index(at);
      String error = inputs.error(at);
      if (error != null) {
        rejections.add(new Rejection(index, symbolOf(inputs.symbol(at), defaultSymbol), error, inputs.original(at)));
        continue;
      }
      BarValidator.Checked checked = inputs.check(validator, at, defaultSymbol);
      if (!checked.valid()) {
        rejections.add(new Rejection(index, symbolOf(inputs.symbol(at), defaultSymbol), checked.reason(),
            inputs.original(at)));
        continue;
      }
      BarRow row = checked.row();
      Integer first = firstIndex.putIfAbsent(new Key(row.symbol(), row.ts()), index);
      if (first != null) {
        rejections.add(new Rejection(index, row.symbol(),
            "duplicate of row " + first + " (same symbol and time) in this batch", inputs.original(at)));
        continue;
      }
      rows.add(row);
    }
    return new Checked(source, interval, BarWriter.order(rows), rejections);
  }

  private Future<JsonObject> write(Checked batch) {
    return writer.write(batch.source(), batch.interval(), batch.rows(), batch.rejections())
        .compose(result -> committed.bars(result, batch.interval(), batch.rows().rows()).map(v -> result.toJson()));
  }

  private static String symbolOf(Object value, String defaultSymbol) {
    try {
      String symbol = RowValues.symbol(value);
      return symbol != null ? symbol : defaultSymbol;
    } catch (IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }

  private static void checkSize(int rows, int maxRows) {
    if (rows > maxRows) {
      throw new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "a batch holds at most " + maxRows + " rows (got " + rows
          + "); split the upload");
    }
  }

  static String source(String value) {
    return BarsIngest.source(value);
  }
}
