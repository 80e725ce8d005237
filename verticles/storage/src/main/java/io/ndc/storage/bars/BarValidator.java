package io.ndc.storage.bars;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The rules a bar must pass before it is written (SPEC §7): a symbol, a time aligned to the interval and not in the
 * future, finite non-negative prices and volume, {@code low <= min(open, close)} and {@code high >= max(open,
 * close)}; intraday bars older than the intraday retention are refused too, since their partition would be dropped.
 */
public final class BarValidator {
  /** The first time zone to start a new day: a daily bar dated "today" anywhere on Earth is not in the future. */
  private static final ZoneId EARLIEST_ZONE = ZoneId.of("Pacific/Kiritimati");

  private final Interval interval;
  private final Instant now;
  private final Duration intradayRetention;
  private final LocalDate latestDate;

  public BarValidator(Interval interval, Instant now, Duration intradayRetention) {
    this.interval = interval;
    this.now = now;
    this.intradayRetention = intradayRetention;
    this.latestDate = LocalDate.ofInstant(now, EARLIEST_ZONE);
  }

  /** Either a valid row or the reason it was refused. */
  public record Checked(BarRow row, String reason) {
    public boolean valid() {
      return row != null;
    }
  }

  /** Checks a raw row; {@code defaultSymbol} applies when the row has none (CSV imports of one symbol). */
  public Checked check(JsonObject raw, String defaultSymbol) {
    try {
      return new Checked(read(raw, defaultSymbol), null);
    } catch (IllegalArgumentException | ClassCastException e) {
      return new Checked(null, e.getMessage());
    }
  }

  private BarRow read(JsonObject raw, String defaultSymbol) {
    String symbol = RowValues.symbol(raw.getValue("symbol"));
    if (symbol == null) {
      symbol = RowValues.symbol(defaultSymbol);
    }
    if (symbol == null) {
      throw new IllegalArgumentException("symbol is missing");
    }
    Instant ts = time(raw);
    double open = price("open", raw.getValue("open"));
    double high = price("high", raw.getValue("high"));
    double low = price("low", raw.getValue("low"));
    double close = price("close", raw.getValue("close"));
    Double volume = optional("volume", raw.getValue("volume"));
    Double adjClose = optional("adj_close", raw.getValue("adj_close"));
    if (low > Math.min(open, close)) {
      throw new IllegalArgumentException("low " + low + " is above min(open, close) " + Math.min(open, close));
    }
    if (high < Math.max(open, close)) {
      throw new IllegalArgumentException("high " + high + " is below max(open, close) " + Math.max(open, close));
    }
    return new BarRow(symbol, ts, open, high, low, close, volume, adjClose);
  }

  private Instant time(JsonObject raw) {
    Object date = raw.getValue("date");
    Object ts = raw.getValue("ts");
    if (date == null && ts == null) {
      throw new IllegalArgumentException("date or ts is missing");
    }
    Instant time = ts != null ? RowValues.instant(ts) : RowValues.date(date);
    if (!interval.aligned(time)) {
      throw new IllegalArgumentException("time " + time + " is not aligned to the " + interval.id() + " interval");
    }
    if (interval.intraday()) {
      if (time.isAfter(now)) {
        throw new IllegalArgumentException("time " + time + " is in the future");
      }
      if (time.isBefore(now.minus(intradayRetention))) {
        throw new IllegalArgumentException("time " + time + " is older than the intraday retention of "
            + intradayRetention.toDays() + " days");
      }
    } else if (LocalDate.ofInstant(time, ZoneOffset.UTC).isAfter(latestDate)) {
      throw new IllegalArgumentException("date " + LocalDate.ofInstant(time, ZoneOffset.UTC) + " is in the future");
    }
    return time;
  }

  private static double price(String field, Object value) {
    double number = RowValues.required(field, value);
    checkFiniteNonNegative(field, number);
    return number;
  }

  private static Double optional(String field, Object value) {
    Double number = RowValues.number(field, value);
    if (number != null) {
      checkFiniteNonNegative(field, number);
    }
    return number;
  }

  private static void checkFiniteNonNegative(String field, double number) {
    if (!Double.isFinite(number)) {
      throw new IllegalArgumentException(field + " is not a finite number");
    }
    if (number < 0) {
      throw new IllegalArgumentException(field + " " + number + " is negative");
    }
  }
}
