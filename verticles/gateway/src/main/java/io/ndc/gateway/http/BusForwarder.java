package io.ndc.gateway.http;

import io.ndc.contract.BusHeaders;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.platform.health.Breakers;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Sends a bus request with a timeout through the breaker of the service that owns the address. Only
 * infrastructure failures (no handler, timeout, 5xx) count against the breaker; a 4xx is the caller's problem and
 * passes through. An open breaker answers 503 at once instead of letting clients wait for timeouts.
 */
public final class BusForwarder {
  /** How long an open breaker answers 503 at once before it lets a request try the service again. */
  public static final long RESET_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final long timeoutMs;
  private final long resetTimeoutMs;

  public BusForwarder(Vertx vertx, long timeoutMs) {
    this(vertx, timeoutMs, RESET_TIMEOUT_MS);
  }

  /** {@code resetTimeoutMs}: how long an open breaker stays open (the first forwarder of a service creates it). */
  public BusForwarder(Vertx vertx, long timeoutMs, long resetTimeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.resetTimeoutMs = resetTimeoutMs;
  }

  public Future<Object> request(String address, JsonObject body, Caller caller) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    // callers from the stream and bridges carry no HTTP request id: each of their requests gets its own
    options.addHeader(BusHeaders.REQUEST_ID, caller.requestId() != null ? caller.requestId() : RequestIds.next());
    if (caller.userId() != null) {
      options.addHeader(BusHeaders.USER_ID, caller.userId());
      options.addHeader(BusHeaders.ROLES, String.join(",", caller.roles()));
    }
    CircuitBreaker breaker = breakerFor(address);
    return breaker.<Object>execute(promise -> vertx.eventBus().<Object>request(address, body, options)
            .map(Message::body)
            .onSuccess(promise::complete)
            .onFailure(error -> {
              Failure failure = Failure.from(error);
              if (failure.status() >= 500) {
                promise.fail(failure);
              } else {
                // a business failure: the service is healthy, so complete the breaker's attempt and fail outside it
                promise.complete(failure);
              }
            }))
        .recover(error -> Future.failedFuture(error instanceof OpenCircuitException
            ? new Failure(ErrorCode.SERVICE_UNAVAILABLE, "service " + serviceOf(address) + " is unavailable (circuit open)")
            : Failure.from(error)))
        .compose(result -> result instanceof Failure f ? Future.failedFuture(f) : Future.succeededFuture(result));
  }

  private CircuitBreaker breakerFor(String address) {
    return Breakers.get(vertx, "bus:" + serviceOf(address), new CircuitBreakerOptions()
        .setMaxFailures(5)
        .setTimeout(-1)
        .setFailuresRollingWindow(10_000)
        .setResetTimeout(resetTimeoutMs));
  }

  /** {@code ndc.<service>.<noun>.<verb>} → service. */
  static String serviceOf(String address) {
    String[] parts = address.split("\\.");
    return parts.length > 1 ? parts[1] : address;
  }
}
