package io.ndc.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The list shape of SPEC §5 for every service: {@code page} (from 1) and {@code limit} (at most {@link #MAX_LIMIT})
 * in, {@code {"items","pagination":{"page","limit","total","pages"}}} out.
 */
public record Page(int page, int limit) {
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 50;

  public Page {
    if (page < 1) {
      throw Failure.validation("page must be at least 1");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Failure.validation("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static Page fromJson(JsonObject request) {
    return fromJson(request, DEFAULT_LIMIT);
  }

  /** Page and limit as JSON numbers or query text; {@code defaultLimit} when no limit is given. */
  public static Page fromJson(JsonObject request, int defaultLimit) {
    int page = wholeNumber(request, "page", 1);
    int limit = wholeNumber(request, "limit", defaultLimit);
    if (page < 1) {
      throw Failure.validation("'page' must be at least 1 (got " + page + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Failure.validation("'limit' must be at least 1 and at most " + MAX_LIMIT + " (got " + limit + ")");
    }
    return new Page(page, limit);
  }

  private static int wholeNumber(JsonObject request, String field, int defaultValue) {
    String text = Fields.text(request, field);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw Failure.validation("'" + field + "' must be a whole number (got '" + text + "')");
    }
  }

  public JsonObject into(JsonObject request) {
    return request.put("page", page).put("limit", limit);
  }

  public int offset() {
    return (page - 1) * limit;
  }

  public JsonObject reply(JsonArray items, long total) {
    return new JsonObject().put("items", items).put("pagination", new JsonObject()
        .put("page", page).put("limit", limit).put("total", total).put("pages", (total + limit - 1) / limit));
  }

  /** The {@code pages} of a list reply (1 when it has none). */
  public static long pages(JsonObject reply) {
    JsonObject pagination = reply.getJsonObject("pagination");
    return pagination == null ? 1 : pagination.getLong("pages", 1L);
  }
}
