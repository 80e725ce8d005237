package io.ndc.storage.bars;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The rows of an upload before validation, one column per field the validator reads, each value as JSON decoding
 * gives it (a String, a Number, null when absent) so that rows read from JSON objects, from a JSON document in one
 * streaming pass ({@link BarDocument}) or from CSV ({@link BarCsv#columns}) are checked by one {@link BarValidator}
 * alike. A row may carry an error found while reading it (a record with the wrong field count, an array element that
 * is no object); the row as sent (kept for the rejection log) is only built for rows that are refused.
 */
public final class RawBars {
  private int size;
  private int[] index;
  private Object[] symbol;
  private Object[] date;
  private Object[] ts;
  private Object[] open;
  private Object[] high;
  private Object[] low;
  private Object[] close;
  private Object[] volume;
  private Object[] adjClose;
  private String[] error;
  private final IntFunction<JsonObject> original;

  /** {@code original}: the row at a position (0-based) as sent, asked for refused rows only. */
  public RawBars(int capacity, IntFunction<JsonObject> original) {
    int n = Math.max(capacity, 4);
    index = new int[n];
    symbol = new Object[n];
    date = new Object[n];
    ts = new Object[n];
    open = new Object[n];
    high = new Object[n];
    low = new Object[n];
    close = new Object[n];
    volume = new Object[n];
    adjClose = new Object[n];
    this.original = original;
  }

  /** The rows of a JSON batch as its objects hold them; an element that is no object is refused as it is. */
  public static RawBars of(JsonArray rows) {
    RawBars bars = new RawBars(rows.size(), i -> {
      Object row = rows.getValue(i);
      return row instanceof JsonObject object ? object : new JsonObject().put("value", row);
    });
    for (int i = 0; i < rows.size(); i++) {
      int at = bars.add(i + 1);
      if (rows.getValue(i) instanceof JsonObject object) {
        bars.symbol[at] = object.getValue("symbol");
        bars.date[at] = object.getValue("date");
        bars.ts[at] = object.getValue("ts");
        bars.open[at] = object.getValue("open");
        bars.high[at] = object.getValue("high");
        bars.low[at] = object.getValue("low");
        bars.close[at] = object.getValue("close");
        bars.volume[at] = object.getValue("volume");
        bars.adjClose[at] = object.getValue("adj_close");
      } else {
        bars.reject(at, "row is not a JSON object");
      }
    }
    return bars;
  }

  /** Appends an empty row with its 1-based index in the upload; returns its position. */
  public int add(int rowIndex) {
    if (size == index.length) {
      int n = size * 2;
      index = Arrays.copyOf(index, n);
      symbol = Arrays.copyOf(symbol, n);
      date = Arrays.copyOf(date, n);
      ts = Arrays.copyOf(ts, n);
      open = Arrays.copyOf(open, n);
      high = Arrays.copyOf(high, n);
      low = Arrays.copyOf(low, n);
      close = Arrays.copyOf(close, n);
      volume = Arrays.copyOf(volume, n);
      adjClose = Arrays.copyOf(adjClose, n);
      error = error == null ? null : Arrays.copyOf(error, n);
    }
    index[size] = rowIndex;
    return size++;
  }

  /** Sets field {@code field} (an ingest name: symbol, date, ts, open, ...) of row {@code at}; false for other names. */
  public boolean set(int at, String field, Object value) {
    Object[] column = column(field);
    if (column == null) {
      return false;
    }
    column[at] = value;
    return true;
  }

  /** The column of an ingest field name, or null. */
  private Object[] column(String field) {
    return switch (field) {
      case "symbol" -> symbol;
      case "date" -> date;
      case "ts" -> ts;
      case "open" -> open;
      case "high" -> high;
      case "low" -> low;
      case "close" -> close;
      case "volume" -> volume;
      case "adj_close" -> adjClose;
      default -> null;
    };
  }

  /** Whether {@code field} is one the validator reads. */
  public static boolean known(String field) {
    return switch (field) {
      case "symbol", "date", "ts", "open", "high", "low", "close", "volume", "adj_close" -> true;
      default -> false;
    };
  }

  public Object get(int at, String field) {
    return column(field)[at];
  }

  /** Marks row {@code at} as refused while reading, with {@code reason}. */
  public void reject(int at, String reason) {
    if (error == null) {
      error = new String[index.length];
    }
    error[at] = reason;
  }

  public int size() {
    return size;
  }

  public int index(int at) {
    return index[at];
  }

  /** Why the row was refused while reading, or null. */
  public String error(int at) {
    return error == null ? null : error[at];
  }

  public JsonObject original(int at) {
    return original.apply(at);
  }

  /** Whether some row has a symbol of its own (a CSV with a symbol column filled in). */
  public boolean anySymbol() {
    for (int i = 0; i < size; i++) {
      if (symbol[i] != null) {
        return true;
      }
    }
    return false;
  }

  /** Checks row {@code at}; {@code defaultSymbol} applies when it has none. */
  public BarValidator.Checked check(BarValidator validator, int at, String defaultSymbol) {
    return validator.check(symbol[at], date[at], ts[at], open[at], high[at], low[at], close[at], volume[at], adjClose[at],
        defaultSymbol);
  }

  public Object symbol(int at) {
    return symbol[at];
  }
}
