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
 * close)}; intraday bars older than the intraday retention are refused too, since their partition would be dropped,
 * and so is anything before the earliest date ({@link IngestLimits}).
 */
public final class BarValidator {
  /** The first time zone to start a new day: a daily bar dated "today" anywhere on Earth is not in the future. */
  private static final ZoneId EARLIEST_ZONE = ZoneId.of("Pacific/Kiritimati");

  private final Interval interval;
  private final Instant now;
  private final Duration intradayRetention;
  private final Instant earliest;
  private final LocalDate latestDate;
  private final long latestDay;

  public BarValidator(Interval interval, Instant now, IngestLimits limits) {
    this.interval = interval;
    this.now = now;
    this.intradayRetention = limits.intradayRetention();
    this.earliest = limits.earliestDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    this.latestDate = LocalDate.ofInstant(now, EARLIEST_ZONE);
    this.latestDay = latestDate.toEpochDay();
  }

  /** Either a valid row or the reason it was refused. */
  public record Checked(BarRow row, String reason) {
    public boolean valid() {
      return row != null;
    }
  }

  /** Checks a raw row; {@code defaultSymbol} applies when the row has none (CSV imports of one symbol). */
  public Checked check(JsonObject raw, String defaultSymbol) {
    return check(raw.getValue("symbol"), raw.getValue("date"), raw.getValue("ts"), raw.getValue("open"),
        raw.getValue("high"), raw.getValue("low"), raw.getValue("close"), raw.getValue("volume"),
        raw.getValue("adj_close"), defaultSymbol);
  }

  /**
   * Checks a row given as its field values the way JSON decoding gives them (String, Number, null when absent), so
   * rows read from objects, a streamed document or CSV ({@link RawBars}) pass the same rules.
   */
  public Checked check(Object symbol, Object date, Object ts, Object open, Object high, Object low, Object close,
      Object volume, Object adjClose, String defaultSymbol) {
    try {
      return new Checked(read(symbol, date, ts, open, high, low, close, volume, adjClose, defaultSymbol), null);
    } catch (IllegalArgumentException | ClassCastException e) {
      return new Checked(null, e.getMessage());
    }
  }

  private BarRow read(Object symbolValue, Object dateValue, Object tsValue, Object openValue, Object highValue,
      Object lowValue, Object closeValue, Object volumeValue, Object adjCloseValue, String defaultSymbol) {
    String symbol = RowValues.symbol(symbolValue);
    if (symbol == null) {
      symbol = RowValues.symbol(defaultSymbol);
    }
    if (symbol == null) {
      throw new IllegalArgumentException("symbol is missing");
    }
    Instant ts = time(dateValue, tsValue);
    double open = price("open", openValue);
    double high = price("high", highValue);
    double low = price("low", lowValue);
    double close = price("close", closeValue);
    Double volume = optional("volume", volumeValue);
    Double adjClose = optional("adj_close", adjCloseValue);
    if (low > Math.min(open, close)) {
      throw new IllegalArgumentException("low " + low + " is above min(open, close) " + Math.min(open, close));
    }
    if (high < Math.max(open, close)) {
      throw new IllegalArgumentException("high " + high + " is below max(open, close) " + Math.max(open, close));
    }
    return new BarRow(symbol, ts, open, high, low, close, volume, adjClose);
  }

  private Instant time(Object date, Object ts) {
    if (date == null && ts == null) {
      throw new IllegalArgumentException("date or ts is missing");
    }
    Instant time = ts != null ? RowValues.instant(ts) : RowValues.date(date);
    if (time.isBefore(earliest)) {
      throw new IllegalArgumentException("date " + LocalDate.ofInstant(time, ZoneOffset.UTC)
          + " is before the earliest date stored (" + LocalDate.ofInstant(earliest, ZoneOffset.UTC) + ")");
    }
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
    } else if (Math.floorDiv(time.getEpochSecond(), 86_400L) > latestDay) {
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
