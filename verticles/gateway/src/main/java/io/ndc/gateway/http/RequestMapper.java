package io.ndc.gateway.http;

import io.ndc.contract.Failure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Turns an HTTP request into the JSON body of a bus request. */
@FunctionalInterface
public interface RequestMapper {

  JsonObject map(RoutingContext ctx);

  /**
   * Body fields first, then query parameters, then path parameters, so the path always wins: a body cannot
   * redirect a request to another resource than its URL names.
   */
  static RequestMapper standard() {
    return ctx -> {
      JsonObject request = jsonBody(ctx);
      ctx.queryParams().forEach(e -> request.put(e.getKey(), e.getValue()));
      ctx.pathParams().forEach(request::put);
      return request;
    };
  }

  /** The raw body as text under {@code field} (e.g. a CSV upload), with query and path parameters. */
  static RequestMapper text(String field) {
    return ctx -> {
      JsonObject request = new JsonObject();
      ctx.queryParams().forEach(e -> request.put(e.getKey(), e.getValue()));
      ctx.pathParams().forEach(request::put);
      Buffer body = ctx.body().buffer();
      request.put(field, body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8));
      return request;
    };
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (DecodeException e) {
      throw Failure.validation("request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Failure.validation("request body must be a JSON object");
    }
    return object.copy();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
