package io.ndc.collector.source;

import io.ndc.platform.health.Breakers;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * HTTP GETs to one source: each waits for the source's quota, goes through the source's circuit breaker, and
 * classifies transport outcomes. Connection errors and 5xx count against the breaker and fail as
 * {@link SourceFailure.Kind#UNAVAILABLE}; 429 fails as throttled (honouring {@code Retry-After}); other responses,
 * 4xx included, go back to the adapter, which knows what its vendor's error bodies mean.
 */
public final class SourceHttp {
  private final WebClient client;
  private final CircuitBreaker breaker;
  private final SourceQuota quota;
  private final SourceStatus status;
  private final long timeoutMs;

  public SourceHttp(WebClient client, CircuitBreaker breaker, SourceQuota quota, SourceStatus status, long timeoutMs) {
    this.client = client;
    this.breaker = breaker;
    this.quota = quota;
    this.status = status;
    this.timeoutMs = timeoutMs;
  }

  public static String breakerName(String sourceId) {
    return "source:" + sourceId;
  }

  public static CircuitBreaker breaker(io.vertx.core.Vertx vertx, String sourceId) {
    return Breakers.get(vertx, breakerName(sourceId));
  }

  public Future<HttpResponse<Buffer>> get(String url, Map<String, String> query, Map<String, String> headers) {
    return quota.acquire().compose(v -> breaker.<HttpResponse<Buffer>>execute(() -> send(url, query, headers)))
        .recover(error -> Future.failedFuture(error instanceof SourceFailure ? error
            : error instanceof OpenCircuitException
                ? SourceFailure.unavailable("circuit breaker of this source is open after repeated failures")
                : SourceFailure.unavailable("source unreachable: " + error.getMessage(), error)))
        .compose(response -> {
          status.messageReceived();
          if (response.statusCode() == 429) {
            return Future.failedFuture(SourceFailure.throttled("source answered 429 Too Many Requests", retryAfterMs(response)));
          }
          return Future.succeededFuture(response);
        });
  }

  private Future<HttpResponse<Buffer>> send(String url, Map<String, String> query, Map<String, String> headers) {
    HttpRequest<Buffer> request;
    try {
      request = client.getAbs(url).timeout(timeoutMs);
    } catch (RuntimeException e) {
      return Future.failedFuture(SourceFailure.rejected("invalid source URL " + url + ": " + e.getMessage()));
    }
    query.forEach(request::addQueryParam);
    headers.forEach(request::putHeader);
    return request.send().compose(response -> response.statusCode() >= 500
        ? Future.failedFuture(SourceFailure.unavailable("source answered HTTP " + response.statusCode()))
        : Future.succeededFuture(response));
  }

  private static long retryAfterMs(HttpResponse<Buffer> response) {
    String header = response.getHeader("Retry-After");
    if (header != null && header.trim().matches("\\d{1,6}")) {
      return Long.parseLong(header.trim()) * 1000;
    }
    return 0;
  }
}
