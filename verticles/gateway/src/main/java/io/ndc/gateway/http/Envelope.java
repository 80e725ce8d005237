package io.ndc.gateway.http;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The REST envelope: {@code {"status":"success","data":...}} or {@code {"status":"error","error":{...}}}. */
public final class Envelope {
  private static final String JSON = "application/json; charset=utf-8";

  private Envelope() {
  }

  public static Future<Void> success(RoutingContext ctx, int status, Object data) {
    return send(ctx.response(), status, new JsonObject().put("status", "success").put("data", data));
  }

  /** The success envelope around data given as its JSON text (written as it is, not decoded). */
  public static Future<Void> successEncoded(RoutingContext ctx, int status, String data) {
    return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end("{\"status\":\"success\",\"data\":" + data + "}");
  }

  public static Future<Void> error(RoutingContext ctx, Failure failure) {
    return error(ctx.response(), failure);
  }

  /** For answers outside the router (a request the HTTP decoder refused). */
  public static Future<Void> error(HttpServerResponse response, Failure failure) {
    if (response.headWritten()) {
      return Future.succeededFuture();
    }
    if (failure.code() == ErrorCode.RATE_LIMIT_EXCEEDED && failure.details() != null
        && failure.details().getValue("retry_after_s") != null) {
      response.putHeader("Retry-After", String.valueOf(failure.details().getValue("retry_after_s")));
    }
    return send(response, failure.status(), new JsonObject().put("status", "error").put("error", failure.toJson()));
  }

  public static Future<Void> error(RoutingContext ctx, ErrorCode code, String message) {
    return error(ctx, new Failure(code, message));
  }

  private static Future<Void> send(HttpServerResponse response, int status, JsonObject body) {
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toBuffer());
  }
}
