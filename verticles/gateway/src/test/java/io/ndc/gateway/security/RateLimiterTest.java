package io.ndc.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.gateway.http.Caller;
import io.ndc.platform.metrics.Metrics;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared Redis token bucket with per-node leases, against a real Redis: two limiters stand for two gateways. */
class RateLimiterTest {
  private final String prefix = "ratelimit-test-" + UUID.randomUUID() + ":";
  private final Caller viewer = new Caller("r", "user-1", List.of("viewer"));
  private Vertx nodeA;
  private Vertx nodeB;
  private Context contextA;
  private Context contextB;

  @BeforeEach
  void start() {
    nodeA = Vertx.vertx();
    nodeB = Vertx.vertx();
    contextA = nodeA.getOrCreateContext();
    contextB = nodeB.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    nodeA.close().await();
    nodeB.close().await();
  }

  private RateLimiter limiter(Vertx vertx, int capacity, double perSecond, long leaseMs) {
    JsonObject config = new JsonObject()
        .put("redis", new JsonObject().put("url", TestConfig.REDIS_URL))
        .put("redis_prefix", prefix)
        // a generous Redis timeout: a call that timed out on a busy machine lets its request through unlimited yet may
        // have taken its lease from the bucket, which would make the exact counts below flaky
        .put("gateway", new JsonObject().put("rate_limit", new JsonObject().put("lease_ms", leaseMs).put("timeout_ms", 5000)
            .put("roles", new JsonObject().put("viewer", new JsonObject().put("capacity", capacity).put("per_second", perSecond)))));
    return new RateLimiter(vertx, config);
  }

  /** Runs a check on the limiter's own event loop, as the gateway does, and waits for it. */
  private RateLimiter.Decision check(Vertx vertx, RateLimiter limiter, Caller caller) {
    return runOn(vertx, () -> limiter.check(caller, "127.0.0.1")).await();
  }

  /** On the node's one event loop context, as a gateway verticle calls its limiter. */
  private <T> Future<T> runOn(Vertx vertx, Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    (vertx == nodeA ? contextA : contextB).runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  private static double redisRequests() {
    return Metrics.registry().counter("ndc.gateway.ratelimit.redis.requests").count();
  }

  @Test
  void leasesCutRedisRequestsAndNeverExceedTheSharedBucket() {
    // lease = min(capacity / 10, refill in lease_ms) = 3 tokens; refill of 1/s is negligible during the test
    RateLimiter a = limiter(nodeA, 30, 1, 10_000);
    RateLimiter b = limiter(nodeB, 30, 1, 10_000);
    double before = redisRequests();
    List<RateLimiter.Decision> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(check(i % 2 == 0 ? nodeA : nodeB, i % 2 == 0 ? a : b, viewer));
    }
    assertThat(first).allMatch(RateLimiter.Decision::allowed);
    // 20 requests, leases of 3 per node: about 7 Redis requests instead of 20
    assertThat(redisRequests() - before).isLessThanOrEqualTo(8);
    int allowed = 20;
    for (int i = 0; i < 30; i++) {
      if (check(i % 2 == 0 ? nodeA : nodeB, i % 2 == 0 ? a : b, viewer).allowed()) {
        allowed++;
      }
    }
    // every token came out of the one bucket of 30; at most one lease (3) can be stranded on the other node
    assertThat(allowed).isBetween(27, 31);
    a.close();
    b.close();
  }

  @Test
  void concurrentRequestsOnOneNodeShareALeaseWithoutOverspending() {
    RateLimiter a = limiter(nodeA, 30, 1, 10_000);
    List<Future<RateLimiter.Decision>> all = new ArrayList<>();
    runOn(nodeA, () -> {
      for (int i = 0; i < 60; i++) {
        all.add(a.check(viewer, "127.0.0.1"));
      }
      return Future.succeededFuture();
    }).await();
    Future.all(all).await();
    long allowed = all.stream().filter(f -> f.result().allowed()).count();
    assertThat(allowed).isBetween(30L, 31L);
    RateLimiter.Decision refused = all.get(all.size() - 1).result();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterMs()).isPositive();
    assertThat(refused.remaining()).isZero();
    a.close();
  }

  @Test
  void aSmallBucketIsCheckedPerRequestWithExactRemainingCounts() {
    // refill far below one token per lease time: lease size 1, Redis asked per request
    RateLimiter a = limiter(nodeA, 5, 0.001, 100);
    double before = redisRequests();
    List<Long> remaining = new ArrayList<>();
    int allowed = 0;
    for (int i = 0; i < 8; i++) {
      RateLimiter.Decision d = check(nodeA, a, viewer);
      if (d.allowed()) {
        allowed++;
        remaining.add(d.remaining());
      }
    }
    assertThat(allowed).isEqualTo(5);
    assertThat(remaining).containsExactly(4L, 3L, 2L, 1L, 0L);
    // the first refusal tells this node when a token can exist again: later refusals need no Redis request
    assertThat(redisRequests() - before).isEqualTo(6);
    a.close();
  }

  @Test
  void leaseSizeIsATenthOfTheBucketOrTheRefillOfTheLeaseTime() {
    assertThat(TokenLeases.leaseSize(new RateLimiter.Limit(400, 200), 100)).isEqualTo(20);
    assertThat(TokenLeases.leaseSize(new RateLimiter.Limit(100, 10_000), 100)).isEqualTo(10);
    assertThat(TokenLeases.leaseSize(new RateLimiter.Limit(40, 5), 100)).isEqualTo(1);
    assertThat(TokenLeases.leaseSize(new RateLimiter.Limit(5, 1000), 100)).isEqualTo(1);
  }
}
