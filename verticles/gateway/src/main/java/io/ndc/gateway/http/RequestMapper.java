package io.ndc.gateway.http;

import io.ndc.contract.Failure;
import io.ndc.contract.JsonSyntax;
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
      NulCheck.body(request);
      return withParameters(ctx, request);
    };
  }

  /** Query then path parameters over {@code request}, each free of NUL characters. */
  private static JsonObject withParameters(RoutingContext ctx, JsonObject request) {
    ctx.queryParams().forEach(e -> {
      NulCheck.parameter(e.getKey(), e.getValue());
      request.put(e.getKey(), e.getValue());
    });
    ctx.pathParams().forEach((name, value) -> {
      NulCheck.parameter(name, value);
      request.put(name, value);
    });
    return request;
  }

  /** The raw body as text under {@code field} (e.g. a CSV upload), with query and path parameters. */
  static RequestMapper text(String field) {
    return ctx -> {
      JsonObject request = withParameters(ctx, new JsonObject());
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
      throw Failure.validation(JsonSyntax.describe("request body", e));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Failure.validation("request body must be a JSON object");
    }
    return object.copy();
  }
}
