package io.ndc.storage.cache;

import io.ndc.storage.bars.Interval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What one committed change can have altered in the cache. {@code interval} null with a range: no bars, only latest
 * quotes (trades, trends, financials); {@code interval} and range null: every entry of the symbols (an instrument
 * edit changes the name in every answer); {@code from}/{@code to} null: the whole history of the interval.
 */
public record Invalidation(Collection<String> symbols, Interval interval, Instant from, Instant to) {

  /** Every entry of the symbols. */
  public static Invalidation everything(Collection<String> symbols) {
    return new Invalidation(symbols, null, null, null);
  }

  JsonObject toJson() {
    return new JsonObject().put("symbols", new JsonArray(List.copyOf(symbols)))
        .put("interval", interval == null ? null : interval.id())
        .put("from", from == null ? null : from.toString()).put("to", to == null ? null : to.toString());
  }

  static Invalidation fromJson(JsonObject json) {
    return new Invalidation(json.getJsonArray("symbols").stream().map(Object::toString).toList(),
        json.getString("interval") == null ? null : Interval.parse(json.getString("interval")),
        json.getString("from") == null ? null : Instant.parse(json.getString("from")),
        json.getString("to") == null ? null : Instant.parse(json.getString("to")));
  }
}
