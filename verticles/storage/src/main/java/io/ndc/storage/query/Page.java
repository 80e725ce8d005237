package io.ndc.storage.query;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code page}/{@code limit} of a list request (limit at most 1000) and the paged reply shape of SPEC §5. */
public record Page(int page, int limit) {
  public static final int MAX_LIMIT = 1000;

  public static Page of(JsonObject request, int defaultLimit) {
    int page = positive(request, "page", 1);
    int limit = positive(request, "limit", defaultLimit);
    if (limit > MAX_LIMIT) {
      throw Failure.validation("limit must be at most " + MAX_LIMIT);
    }
    return new Page(page, limit);
  }

  public int offset() {
    return (page - 1) * limit;
  }

  public JsonObject reply(JsonArray items, long total) {
    return new JsonObject().put("items", items).put("pagination", new JsonObject()
        .put("page", page).put("limit", limit).put("total", total).put("pages", (total + limit - 1) / limit));
  }

  private static int positive(JsonObject request, String field, int fallback) {
    Object value = request.getValue(field);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.toString().trim());
      if (number < 1) {
        throw Failure.validation(field + " must be at least 1");
      }
      return number;
    } catch (NumberFormatException e) {
      throw Failure.validation(field + " must be a whole number (got '" + value + "')");
    }
  }
}
