package io.ndc.collector.source;

import io.ndc.platform.health.Breakers;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
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
    return quota.acquire().compose(v -> breaker.<HttpResponse<Buffer>>execute(() -> send(HttpMethod.GET, url, query, headers)))
        .recover(SourceHttp::classify)
        .compose(this::received);
  }

  private static Future<HttpResponse<Buffer>> classify(Throwable error) {
    return Future.failedFuture(error instanceof SourceFailure ? error
        : error instanceof OpenCircuitException
            ? SourceFailure.unavailable("circuit breaker of this source is open after repeated failures")
            : SourceFailure.unavailable("source unreachable: " + error.getMessage(), error));
  }

  private Future<HttpResponse<Buffer>> received(HttpResponse<Buffer> response) {
    status.messageReceived();
    if (response.statusCode() == 429) {
      return Future.failedFuture(SourceFailure.throttled("source answered 429 Too Many Requests", retryAfterMs(response)));
    }
    return Future.succeededFuture(response);
  }

  /** A form POST (some vendors, e.g. KRX's data portal, serve queries only so). */
  public Future<HttpResponse<Buffer>> postForm(String url, Map<String, String> form, Map<String, String> headers) {
    return quota.acquire().compose(v -> breaker.<HttpResponse<Buffer>>execute(() -> send(HttpMethod.POST, url, form, headers)))
        .recover(SourceHttp::classify)
        .compose(this::received);
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String url, Map<String, String> params, Map<String, String> headers) {
    HttpRequest<Buffer> request;
    try {
      request = client.requestAbs(method, url).timeout(timeoutMs);
    } catch (RuntimeException e) {
      return Future.failedFuture(SourceFailure.rejected("invalid source URL " + url + ": " + e.getMessage()));
    }
    headers.forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent;
    if (method == HttpMethod.GET) {
      params.forEach(request::addQueryParam);
      sent = request.send();
    } else {
      MultiMap form = MultiMap.caseInsensitiveMultiMap();
      params.forEach(form::add);
      sent = request.sendForm(form);
    }
    return sent.compose(response -> response.statusCode() >= 500
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
