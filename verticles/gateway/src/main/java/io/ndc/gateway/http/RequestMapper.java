package io.ndc.gateway.http;

import io.ndc.contract.JsonBody;
import io.ndc.contract.storage.BarsUpload;
import io.vertx.core.buffer.Buffer;
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

  /**
   * A bar upload ({@code POST /prices:batch}): the JSON body passed on unread as a {@link BarsUpload}, with the
   * {@code source} and {@code interval} query parameters beside it (winning over the body's, as in {@link
   * #standard()}); storage reads it on a worker. A {@code rows} query parameter, which would replace the body's rows,
   * takes the {@link #standard()} way, so it is refused as it always was.
   */
  static RequestMapper barsUpload() {
    return ctx -> {
      if (ctx.queryParams().contains("rows")) {
        JsonObject request = standard().map(ctx);
        request.remove(BarsUpload.DOCUMENT);
        return request;
      }
      ctx.queryParams().forEach(e -> NulCheck.parameter(e.getKey(), e.getValue()));
      return new BarsUpload(ctx.body().buffer(), last(ctx, "source"), last(ctx, "interval")).toJson();
    };
  }

  /** The last value of a query parameter, as {@link #standard()} would see it. */
  private static String last(RoutingContext ctx, String name) {
    java.util.List<String> values = ctx.queryParams().getAll(name);
    return values.isEmpty() ? null : values.get(values.size() - 1);
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
    return JsonBody.object(ctx.body().buffer());
  }
}
