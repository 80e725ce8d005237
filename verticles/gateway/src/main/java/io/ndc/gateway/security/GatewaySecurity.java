package io.ndc.gateway.security;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.http.Envelope;
import io.ndc.gateway.http.RouteHandler;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The guard in front of every API route: verifies the bearer token (unless the route is public), checks the
 * route's permission against the caller's roles, applies the caller's rate limit, and leaves the verified
 * {@link Caller} in the routing context for the bus request. 401 without or with a bad token, 403 without the
 * permission, 429 over the limit.
 */
public final class GatewaySecurity {
  private final TokenVerifier verifier;
  private final RateLimiter limiter;

  public GatewaySecurity(Vertx vertx, JsonObject config) {
    this.verifier = new TokenVerifier(vertx, config);
    this.limiter = new RateLimiter(vertx, config);
  }

  public Future<Void> start() {
    return verifier.start();
  }

  /** For the stream endpoint: the same verification as REST routes. */
  public TokenVerifier verifier() {
    return verifier;
  }

  public Handler<RoutingContext> guard(RouteSpec spec) {
    if (!AccessPolicy.isKnown(spec.permission())) {
      throw new IllegalStateException("route " + spec.method() + " " + spec.path() + " names unknown permission " + spec.permission());
    }
    return ctx -> authenticate(ctx, spec.permission())
        .compose(caller -> {
          if (!AccessPolicy.allows(caller, spec.permission())) {
            return Future.failedFuture(new Failure(ErrorCode.AUTHORIZATION_ERROR,
                "this needs the " + spec.permission() + " permission, which your roles do not grant"));
          }
          ctx.put(RouteHandler.CALLER, caller);
          return limiter.check(caller, ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host());
        })
        .onComplete(d -> {
          if (d.enforced()) {
            rateLimitHeaders(ctx.response(), d);
          }
          if (d.allowed()) {
            ctx.next();
          } else {
            long retryAfter = Math.max(1, (d.retryAfterMs() + 999) / 1000);
            Envelope.error(ctx, new Failure(429, ErrorCode.RATE_LIMIT_EXCEEDED, "rate limit exceeded; retry after "
                + retryAfter + " s", new JsonObject().put("retry_after_s", retryAfter)));
          }
        }, error -> Envelope.error(ctx, Failure.from(error)));
  }

  private Future<Caller> authenticate(RoutingContext ctx, String permission) {
    Caller anonymous = ctx.get(RouteHandler.CALLER);
    if (AccessPolicy.allows(anonymous, permission)) {
      return Future.succeededFuture(anonymous);
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      return Future.failedFuture(new Failure(ErrorCode.AUTHENTICATION_ERROR,
          "this needs an access token: send Authorization: Bearer <token>"));
    }
    return verifier.verify(header.substring(7).trim(), anonymous.requestId());
  }

  private static void rateLimitHeaders(HttpServerResponse response, RateLimiter.Decision d) {
    response.putHeader("RateLimit-Limit", String.valueOf(d.limit().capacity()))
        .putHeader("RateLimit-Remaining", String.valueOf(d.remaining()))
        .putHeader("RateLimit-Reset", String.valueOf((d.resetMs() + 999) / 1000));
  }

  public void close() {
    limiter.close();
  }
}
