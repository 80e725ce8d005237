package io.ndc.auth.store;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The list shape of the API: {@code page}, {@code limit} (max 1000) in, {@code items} and {@code pagination} out. */
public final class Paging {
  public static final int MAX_LIMIT = 1000;

  private Paging() {
  }

  public static int page(JsonObject request) {
    int page = intParam(request, "page", 1);
    if (page < 1) {
      throw Failure.validation("page must be 1 or more");
    }
    return page;
  }

  public static int limit(JsonObject request) {
    int limit = intParam(request, "limit", 50);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Failure.validation("limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static int intParam(JsonObject request, String name, int fallback) {
    Object value = request.getValue(name);
    if (value == null) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw Failure.validation(name + " must be a whole number");
    }
  }

  public static JsonObject page(JsonArray items, int page, int limit, long total) {
    return new JsonObject().put("items", items).put("pagination", new JsonObject()
        .put("page", page).put("limit", limit).put("total", total).put("pages", (total + limit - 1) / limit));
  }
}
