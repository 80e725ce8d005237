package io.ndc.storage.series;

import io.ndc.storage.bars.IngestLimits;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.storage.ingest.BatchCommitted;
import io.ndc.storage.ingest.BatchResult;
import io.ndc.storage.ingest.BatchStatement;
import io.ndc.storage.ingest.KnownSymbols;
import io.ndc.storage.ingest.Rejection;
import io.ndc.storage.ingest.StoredHorizon;
import io.ndc.storage.partition.Partitions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ingest of trades, trading trends and financials: each row is read column by column (a bad value rejects the row
 * with the reason), duplicates of a key within the batch are rejected, the rest goes in one statement. A batch newer
 * than everything this writer committed for its symbols (a live feed's next trades) takes the append statement.
 */
public final class SeriesIngest {
  /** Clock skew tolerated on live trade times. */
  private static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

  private final Pool pg;
  private final Partitions partitions;
  private final BatchCommitted committed;
  private final SeriesTable table;
  private final BatchStatement statement;
  /** Null for a table without a time column (financials): no append path. */
  private final BatchStatement appendStatement;
  private final StoredHorizon<Object[]> horizon;
  private final String rowsField;
  private final int maxRows;
  private final Duration retention;
  private final Instant earliest;
  private final KnownSymbols known;

  public SeriesIngest(Pool pg, Partitions partitions, KnownSymbols known, BatchCommitted committed, SeriesTable table,
      String rowsField, int maxRows, IngestLimits limits) {
    this.known = known;
    this.pg = pg;
    this.partitions = partitions;
    this.committed = committed;
    this.table = table;
    this.statement = table.statement();
    this.appendStatement = table.timeColumn() == null ? null : table.appendStatement();
    // trades are keyed by symbol, time and sequence number: a burst can go on at the horizon's instant
    this.horizon = new StoredHorizon<>(row -> (String) row[0], this::time, table == SeriesTable.TRADES);
    this.rowsField = rowsField;
    this.maxRows = maxRows;
    this.retention = limits.intradayRetention();
    this.earliest = limits.earliestDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  public Future<JsonObject> ingest(JsonObject request) {
    String source = request.getString("source", "api");
    if (!(request.getValue(rowsField) instanceof JsonArray rows)) {
      throw Failure.validation(rowsField + " must be an array");
    }
    if (rows.size() > maxRows) {
      throw new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "a batch holds at most " + maxRows + " rows (got " + rows.size() + ")");
    }
    List<Object[]> valid = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Map<List<Object>, Integer> seen = new HashMap<>();
    Instant now = Instant.now();
    for (int i = 0; i < rows.size(); i++) {
      Object value = rows.getValue(i);
      if (!(value instanceof JsonObject raw)) {
        rejections.add(new Rejection(i + 1, null, "row is not a JSON object", new JsonObject().put("value", value)));
        continue;
      }
      try {
        Object[] row = read(raw, now);
        List<Object> key = key(row);
        Integer first = seen.putIfAbsent(key, i + 1);
        if (first != null) {
          throw new IllegalArgumentException("duplicate of row " + first + " (same key) in this batch");
        }
        valid.add(row);
      } catch (IllegalArgumentException | ClassCastException e) {
        rejections.add(new Rejection(i + 1, symbolOf(raw), e.getMessage(), raw));
      }
    }
    return write(source, valid, rejections);
  }

  private Object[] read(JsonObject raw, Instant now) {
    List<Column> columns = table.columns();
    Object[] row = new Object[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      row[c] = columns.get(c).reader().apply(raw.getValue(columns.get(c).name()));
    }
    Instant time = time(row);
    if (time != null && time.isAfter(now.plus(table == SeriesTable.TRADES ? FUTURE_SKEW : Duration.ofDays(1)))) {
      throw new IllegalArgumentException(table.timeColumn() + " " + time + " is in the future");
    }
    if (time != null && time.isBefore(earliest)) {
      throw new IllegalArgumentException(table.timeColumn() + " " + time + " is before the earliest date stored ("
          + earliest.toString().substring(0, 10) + ")");
    }
    if (time != null && table == SeriesTable.TRADES && time.isBefore(now.minus(retention))) {
      throw new IllegalArgumentException("ts " + time + " is older than the trade retention of " + retention.toDays() + " days");
    }
    return row;
  }

  private Instant time(Object[] row) {
    if (table.timeColumn() == null) {
      return null;
    }
    Object value = row[index(table.timeColumn())];
    return value instanceof OffsetDateTime t ? t.toInstant() : ((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private int index(String name) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + name);
  }

  private List<Object> key(Object[] row) {
    List<Object> key = new ArrayList<>();
    for (int c = 0; c < row.length; c++) {
      if (table.columns().get(c).key()) {
        key.add(row[c]);
      }
    }
    return key;
  }

  private Future<JsonObject> write(String source, List<Object[]> rows, List<Rejection> rejections) {
    TreeSet<String> symbols = new TreeSet<>();
    Instant from = null;
    Instant to = null;
    for (Object[] row : rows) {
      symbols.add((String) row[0]);
      Instant t = time(row);
      if (t != null) {
        from = from == null || t.isBefore(from) ? t : from;
        to = to == null || t.isAfter(to) ? t : to;
      }
    }
    Instant lo = from;
    Instant hi = to;
    Future<Void> ready = lo == null || table.partitionParent() == null ? Future.succeededFuture()
        : partitions.ensure(table.partitionParent(), lo, hi);
    boolean append = appendStatement != null && horizon.allBeyond(table.kind(), rows);
    return ready.compose(v -> run(append ? appendStatement : statement, rows, source, rejections, symbols, lo, hi)
            .recover(error -> append && BatchStatement.uniqueViolation(error)
                ? run(statement, rows, source, rejections, symbols, lo, hi) : Future.failedFuture(error)))
        .onSuccess(result -> horizon.record(table.kind(), rows))
        .compose(result -> announce(result, symbols, lo, hi).map(x -> result.toJson()));
  }

  private Future<BatchResult> run(BatchStatement batch, List<Object[]> rows, String source, List<Rejection> rejections,
      TreeSet<String> symbols, Instant from, Instant to) {
    return batch.run(pg, columns(rows, source), rows.size(), rejections, symbols, source, null, from, to, known);
  }

  private Future<Void> announce(BatchResult result, TreeSet<String> symbols, Instant from, Instant to) {
    if (!result.changedData()) {
      return Future.succeededFuture();
    }
    return committed.changed(result.batchId(), table.kind(), symbols, null, from, to);
  }

  private Tuple columns(List<Object[]> rows, String source) {
    Tuple tuple = Tuple.tuple();
    for (int c = 0; c < table.columns().size(); c++) {
      Class<?> type = switch (table.columns().get(c).sqlType()) {
        case "text" -> String.class;
        case "float8" -> Double.class;
        case "int4" -> Integer.class;
        case "int8" -> Long.class;
        case "date" -> LocalDate.class;
        default -> OffsetDateTime.class;
      };
      Object array = Array.newInstance(type, rows.size());
      for (int r = 0; r < rows.size(); r++) {
        Array.set(array, r, rows.get(r)[c]);
      }
      tuple.addValue(array);
    }
    return tuple.addValue(source);
  }

  private static String symbolOf(JsonObject raw) {
    Object symbol = raw.getValue("symbol");
    return symbol == null ? null : symbol.toString();
  }
}
