package io.ndc.gateway.http;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.RawContent;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one generic handler behind every route row: checks the content type and required parameters, maps the
 * request, sends it on the bus and writes the reply or failure in the envelope.
 */
public final class RouteHandler implements Handler<RoutingContext> {
  /** Where the request id of a request lives in the routing context. */
  public static final String CALLER = "ndc.caller";

  private final RouteSpec spec;
  private final BusForwarder forwarder;

  public RouteHandler(RouteSpec spec, BusForwarder forwarder) {
    this.spec = spec;
    this.forwarder = forwarder;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject request;
    try {
      checkContentType(ctx);
      checkRequiredQuery(ctx);
      request = spec.mapper().map(ctx);
    } catch (Failure failure) {
      Envelope.error(ctx, failure);
      return;
    }
    Caller caller = ctx.get(CALLER);
    forwarder.request(spec.address(), request, caller).onComplete(
        reply -> {
          String location = redirectLocation(ctx, reply);
          RawContent raw = spec.rawType() == null ? null : RawContent.fromReply(reply);
          if (raw != null && raw.contentType().equals(RawContent.ENCODED_DATA)) {
            Envelope.successEncoded(ctx, spec.successStatus(), raw.body());
          } else if (raw != null) {
            ctx.response().setStatusCode(spec.successStatus()).putHeader(HttpHeaders.CONTENT_TYPE, raw.contentType())
                .end(raw.body());
          } else if (location != null) {
            ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
          } else if (spec.wellKnown()) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(String.valueOf(reply));
          } else {
            Envelope.success(ctx, spec.successStatus(), reply);
          }
        },
        error -> Envelope.error(ctx, Failure.from(error)));
  }

  /** Where a browser is sent instead of the JSON answer, on routes with a redirect field; null for API clients. */
  private String redirectLocation(RoutingContext ctx, Object reply) {
    if (spec.redirectField() == null || !(reply instanceof JsonObject json)) {
      return null;
    }
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("text/html") ? json.getString(spec.redirectField()) : null;
  }

  /**
   * A route that takes a body takes it in its one media type: a body in another (a JSON body sent as
   * multipart/form-data, which the body handler would parse away) is 415, even when nothing of it is left.
   */
  private void checkContentType(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (spec.consumes() == null || (ctx.body().length() <= 0 && type == null)) {
      return;
    }
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase();
    if (!mediaType.equals(spec.consumes())) {
      throw new Failure(415, ErrorCode.VALIDATION_ERROR,
          "Content-Type must be " + spec.consumes() + (type == null ? " (none given)" : " (got " + type + ")"), null);
    }
  }

  private void checkRequiredQuery(RoutingContext ctx) {
    for (String name : spec.requiredQuery()) {
      String value = ctx.queryParams().get(name);
      if (value == null || value.isBlank()) {
        throw Failure.validation("query parameter '" + name + "' is required",
            new JsonObject().put("parameter", name));
      }
    }
  }
}
