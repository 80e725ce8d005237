package io.ndc.collector.source;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.testing.CollectorHarness;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token bucket on the Vert.x counter: real timers, so rates are high and intervals short. */
class SourceQuotaTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void aBurstOfCapacityGoesAtOnceAndTheNextWaitsForTheRefill() {
    SourceQuota quota = new SourceQuota(vertx, "quota-burst", 60, 3); // a token a second, three in the bucket
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      await(quota.acquire());
    }
    assertThat(elapsedMs(started)).as("the burst waits for no timer").isLessThan(900);
    JsonObject state = await(quota.state());
    assertThat(state.getInteger("used")).isEqualTo(3);
    assertThat(state.getInteger("available")).isZero();
    assertThat(state.getInteger("burst")).isEqualTo(3);
    assertThat(state.getInteger("per_minute")).isEqualTo(60);

    // granted no sooner than 950 ms after the burst began, which took under 900 ms: the fourth waited for the refill
    AtomicLong grantedNanos = new AtomicLong();
    await(quota.acquire().onSuccess(v -> grantedNanos.set(System.nanoTime())));
    assertThat((grantedNanos.get() - started) / 1_000_000).as("one interval after the burst began").isBetween(950L, 3_000L);
  }

  /**
   * Two verticles, each with its own {@link SourceQuota} of one source (as two nodes would have), reserve at once
   * from different event loops: together they get the burst at once and then one request per interval.
   */
  @Test
  void twoVerticlesSharingTheBucketNeverExceedItTogether() {
    int perMinute = 6_000; // a token every 10 ms
    int burst = 5;
    int requestsEach = 20;
    List<Long> grantedMs = new CopyOnWriteArrayList<>();
    long startedMs = System.currentTimeMillis();
    List<Future<?>> done = new ArrayList<>();
    for (int v = 0; v < 2; v++) {
      Promise<Void> finished = Promise.promise();
      done.add(finished.future());
      await(vertx.deployVerticle(new AbstractVerticle() {
        @Override
        public void start() {
          SourceQuota quota = new SourceQuota(vertx, "quota-shared", perMinute, burst);
          List<Future<Void>> grants = new ArrayList<>();
          for (int i = 0; i < requestsEach; i++) {
            grants.add(quota.acquire().onSuccess(x -> grantedMs.add(System.currentTimeMillis())));
          }
          Future.all(grants).<Void>mapEmpty().onComplete(finished);
        }
      }));
    }
    await(Future.all(done));

    List<Long> sorted = new ArrayList<>(grantedMs);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(2 * requestsEach);
    // the k-th grant cannot come before its slot: (k - burst) intervals after the start (timers only fire late)
    for (int k = burst; k < sorted.size(); k++) {
      assertThat(sorted.get(k) - startedMs).as("grant %d", k + 1).isGreaterThanOrEqualTo((k + 1L - burst) * 10 - 1);
    }
    assertThat(await(new SourceQuota(vertx, "quota-shared", perMinute, burst).state()).getLong("used")).isLessThanOrEqualTo(burst);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
