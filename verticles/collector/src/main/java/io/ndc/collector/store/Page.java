package io.ndc.collector.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The page/limit of a list request (limit at most 1000) and the list reply shape of SPEC §5. */
public record Page(int page, int limit) {
  public static final int MAX_LIMIT = 1000;

  public static Page of(JsonObject request) {
    int page = positive(request, "page", 1);
    int limit = positive(request, "limit", 50);
    if (limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be at most " + MAX_LIMIT);
    }
    return new Page(page, limit);
  }

  private static int positive(JsonObject request, String name, int fallback) {
    Object value = request.getValue(name);
    if (value == null) {
      return fallback;
    }
    int n;
    try {
      n = value instanceof Number num ? num.intValue() : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return n;
  }

  public int offset() {
    return (page - 1) * limit;
  }

  public JsonObject reply(JsonArray items, long total) {
    return new JsonObject().put("items", items).put("pagination", new JsonObject()
        .put("page", page).put("limit", limit).put("total", total).put("pages", (total + limit - 1) / limit));
  }
}
