package io.ndc.contract.storage;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.ndc.contract.Symbols;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@link StorageAddresses#BARS_QUERY_MANY}: the last {@code count} stored bars of each symbol at a stored interval
 * ({@code 1m} or {@code daily}) at or before {@code end} (null: the newest), for many symbols in one request (screens).
 * The reply is columnar: {@code {"interval","series":{"SYM":{"ts":[epoch ms...],"open":[...],"high","low","close",
 * "volume"}},"unknown":["SYM",...]}} in ascending time; a known symbol without bars has empty columns, a symbol that is
 * no instrument is listed in {@code unknown}; a missing volume is {@code null}.
 */
public record BarTailsQuery(List<String> symbols, BarInterval interval, Instant end, int count) {
  public static final int MAX_SYMBOLS = 1_000;
  public static final int MAX_COUNT = 10_000;

  public BarTailsQuery {
    symbols = List.copyOf(symbols);
    if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
      throw Failure.validation("\"symbols\" must hold 1.." + MAX_SYMBOLS + " symbols");
    }
    if (interval != BarInterval.M1 && interval != BarInterval.DAILY) {
      throw Failure.validation("interval '" + interval.id() + "' is not stored; the last bars come at 1m or daily");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw Failure.validation("\"count\" must be 1.." + MAX_COUNT);
    }
  }

  public static BarTailsQuery fromJson(JsonObject json) {
    Object list = json.getValue("symbols");
    if (!(list instanceof JsonArray array)) {
      throw Failure.validation("\"symbols\" must be an array of symbols");
    }
    List<String> symbols = array.stream().map(BarTailsQuery::symbol).distinct().toList();
    Instant end;
    try {
      end = json.getString("end") == null ? null : Instant.parse(json.getString("end"));
    } catch (DateTimeParseException e) {
      throw Failure.validation("\"end\" must be an ISO instant, not '" + json.getString("end") + "'");
    }
    Integer count = json.getInteger("count");
    return new BarTailsQuery(symbols, BarInterval.parse(json.getString("interval")), end, count == null ? 0 : count);
  }

  private static String symbol(Object value) {
    try {
      String symbol = value instanceof String text ? Symbols.normalize(text) : null;
      if (symbol != null) {
        return symbol;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    throw Failure.validation("invalid symbol '" + value + "' (" + Symbols.RULE + ")");
  }

  public JsonObject toJson() {
    return new JsonObject().put("symbols", new JsonArray(symbols)).put("interval", interval.id())
        .put("end", end == null ? null : end.toString()).put("count", count);
  }
}
