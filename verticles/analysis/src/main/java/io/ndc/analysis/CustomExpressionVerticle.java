package io.ndc.analysis;

import io.ndc.analysis.expr.Expression;
import io.ndc.analysis.expr.ExpressionException;
import io.ndc.analysis.expr.ExpressionLimits;
import io.ndc.analysis.expr.Series;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.analysis.series.Window;
import io.ndc.contract.Failure;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.CustomQuery;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ndc.analysis.custom.evaluate}: expressions over one symbol's bars (SPEC §9), cached by data version. */
public final class CustomExpressionVerticle extends QueryVerticle {

  public CustomExpressionVerticle(SeriesStore store) {
    super(store, AnalysisAddresses.CUSTOM_EVALUATE);
  }

  @Override
  protected Handler<Message<JsonObject>> handler() {
    return Handlers.typed(CustomQuery::fromJson, this::evaluate);
  }

  private Future<JsonObject> evaluate(CustomQuery query) {
    Map<String, Expression> parsed = new LinkedHashMap<>();
    query.expressions().forEach((name, text) -> parsed.put(name, parse(query.single() ? null : name, text,
        settings.expressionLimits())));
    int lookback = parsed.values().stream().mapToInt(Expression::lookback).max().orElse(0);
    return answered("custom", query.range(), query.toJson(), lookback, 4 * parsed.size(),
        window -> answer(query, parsed, window));
  }

  /** Parses one expression; a syntax, type or limit error is 400 with its position (and the expression's name). */
  static Expression parse(String name, String text, ExpressionLimits limits) {
    try {
      return Expression.parse(text, limits);
    } catch (ExpressionException e) {
      JsonObject details = new JsonObject().put("line", e.line()).put("column", e.column());
      if (name != null) {
        details.put("expression", name);
      }
      throw Failure.validation(name == null ? e.getMessage() : name + ": " + e.getMessage(), details);
    }
  }

  /** The expression's values over the window's range, each on exactly its own look-back of warm-up bars. */
  static List<Object> values(Expression expression, Window window) {
    int lookback = expression.lookback();
    int offset = window.offsetFor(lookback);
    Series series = expression.evaluate(window.barsFor(lookback));
    List<Object> out = new ArrayList<>(series.size() - offset);
    for (int i = offset; i < series.size(); i++) {
      out.add(series.valueAt(i));
    }
    return out;
  }

  private static JsonObject answer(CustomQuery query, Map<String, Expression> parsed, Window window) {
    JsonObject reply = new JsonObject().put("symbol", query.range().symbol()).put("interval", query.range().interval().id())
        .put("dates", window.dates());
    if (query.single()) {
      return reply.put("values", new JsonArray(values(parsed.get(CustomQuery.SINGLE), window)));
    }
    JsonObject series = new JsonObject();
    parsed.forEach((name, expression) -> series.put(name, new JsonArray(values(expression, window))));
    return reply.put("series", series);
  }
}
