package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The bars a one-symbol request reads: {@code symbol}, {@code interval} (default daily), {@code start_date} and
 * {@code end_date} (dates or instants, inclusive; a missing end is open, a missing start a year before the end for
 * daily and longer, a day intraday), {@code as_of} (what was known then) and {@code warmup}.
 *
 * @param warmup {@code true} ({@code auto}, the default): up to the look-back of stored bars before the start are
 *     read so values start at the range's first bar; {@code false} ({@code none}): the range alone
 */
public record SeriesRange(String symbol, BarInterval interval, String startDate, String endDate, String asOf,
    boolean warmup) {

  public SeriesRange {
    symbol = Fields.symbol(symbol);
    if (interval == null) {
      interval = BarInterval.DAILY;
    }
    Fields.ordered(startDate, endDate);
  }

  public static SeriesRange fromJson(JsonObject json) {
    String warmup = Fields.text(json, "warmup");
    if (warmup != null && !warmup.equals("auto") && !warmup.equals("none")) {
      throw Failure.validation("warmup must be auto or none (got '" + warmup + "')");
    }
    return new SeriesRange(Fields.requiredText(json, "symbol"), BarInterval.parse(Fields.text(json, "interval")),
        Fields.time(json, "start_date"), Fields.time(json, "end_date"), Fields.time(json, "as_of"),
        !"none".equals(warmup));
  }

  /** Writes the fields into {@code json} (requests embed the range at their top level). */
  public JsonObject into(JsonObject json) {
    json.put("symbol", symbol).put("interval", interval.id()).put("warmup", warmup ? "auto" : "none");
    Fields.putIfPresent(json, "start_date", startDate);
    Fields.putIfPresent(json, "end_date", endDate);
    return Fields.putIfPresent(json, "as_of", asOf);
  }

  public JsonObject toJson() {
    return into(new JsonObject());
  }

  /** The first instant of the range: the start as given, or the default span before the end (or now). */
  public Instant start(Instant now) {
    if (startDate != null) {
      return Fields.instant("start_date", startDate);
    }
    Instant end = endDate == null ? now : Fields.instant("end_date", endDate);
    long span = interval.intraday() ? 86_400_000L : 366 * 86_400_000L;
    long grain = interval.intraday() ? interval.lengthMs() : 86_400_000L;
    return Instant.ofEpochMilli(Math.floorDiv(end.toEpochMilli() - span, grain) * grain);
  }

  /** The last instant of the range (inclusive: a date means its whole day); null when the range is open. */
  public Instant end() {
    if (endDate == null) {
      return null;
    }
    Instant end = Fields.instant("end_date", endDate);
    return endDate.length() <= 10 ? end.plusMillis(86_400_000L - 1) : end;
  }
}
