package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code POST /analysis/screen}: {@code expression} (a boolean expression) evaluated on each symbol's bar at
 * {@code date} (its latest when null); exactly one universe: {@code symbols}, {@code market} or {@code all}.
 *
 * @param rankBy a numeric expression that orders the matches (highest first); null keeps symbol order
 * @param limit at most this many matches, 1..10,000 (default 100)
 */
public record ScreenQuery(String expression, BarInterval interval, List<String> symbols, String market, boolean all,
    String rankBy, int limit, String date) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  public ScreenQuery {
    if (expression == null || expression.isBlank()) {
      throw Failure.validation("expression is required");
    }
    symbols = List.copyOf(new LinkedHashSet<>(symbols.stream().map(Fields::symbol).toList()));
    int universes = (symbols.isEmpty() ? 0 : 1) + (market == null ? 0 : 1) + (all ? 1 : 0);
    if (universes != 1) {
      throw Failure.validation("name exactly one universe: symbols:[...], market:\"...\" or all:true");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Failure.validation("limit must be 1.." + MAX_LIMIT);
    }
    if (date != null && date.length() > 10) {
      throw Failure.validation("date must be YYYY-MM-DD (got '" + date + "')");
    }
  }

  public static ScreenQuery fromJson(JsonObject json) {
    return new ScreenQuery(Fields.requiredText(json, "expression"), BarInterval.parse(Fields.text(json, "interval")),
        Fields.list(json, "symbols"), Fields.text(json, "market"), Fields.bool(json, "all"),
        Fields.text(json, "rank_by"), Fields.integer(json, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        Fields.time(json, "date"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("expression", expression).put("interval", interval.id()).put("limit", limit);
    if (!symbols.isEmpty()) {
      json.put("symbols", new JsonArray(symbols));
    }
    Fields.putIfPresent(json, "market", market);
    if (all) {
      json.put("all", true);
    }
    Fields.putIfPresent(json, "rank_by", rankBy);
    return Fields.putIfPresent(json, "date", date);
  }
}
