package io.ndc.collector.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;

/**
 * A source's cluster-wide request quota: a {@link TokenBucket} whose one number (the theoretical arrival time) lives
 * in a cluster-wide counter (Hazelcast when clustered), so every node of the cluster draws from the same bucket.
 * Node clocks are assumed synchronised (NTP): a skew of d lets at most d / interval extra requests through.
 */
public final class SourceQuota {
  private static final int MAX_CAS_TRIES = 32;

  private final Vertx vertx;
  private final String counterName;
  private final int perMinute;
  private final TokenBucket bucket;
  private final SourceStatus status;

  public SourceQuota(Vertx vertx, String sourceId, int perMinute, int burst) {
    this.vertx = vertx;
    // not the name of the fixed-window counter this replaced, whose packed values mean something else
    this.counterName = "ndc.collector.quota-tat." + sourceId;
    this.perMinute = perMinute;
    this.bucket = TokenBucket.perMinute(perMinute, burst);
    this.status = SourceStatus.of(sourceId);
  }

  /** Epoch microseconds, the clock of every node's view of the bucket. */
  static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  /** Completes when one request may go out: at once while the bucket has a token, else at the request's slot. */
  public Future<Void> acquire() {
    return vertx.sharedData().getCounter(counterName).compose(counter -> reserve(counter, 0));
  }

  /** {@code {"per_minute","burst","used","available"}} as the cluster-wide bucket stands now. */
  public Future<JsonObject> state() {
    return vertx.sharedData().getCounter(counterName).compose(Counter::get).map(tat -> {
      long now = nowMicros();
      status.quotaSeen(bucket, tat);
      return new JsonObject()
          .put("per_minute", perMinute)
          .put("burst", bucket.capacity())
          .put("used", bucket.used(tat, now))
          .put("available", bucket.available(tat, now));
    });
  }

  private Future<Void> reserve(Counter counter, int tries) {
    if (tries >= MAX_CAS_TRIES) {
      // heavy contention on the counter: back off briefly instead of spinning
      return delay(1 + (long) (Math.random() * 20)).compose(v -> reserve(counter, 0));
    }
    return counter.get().compose(stored -> {
      TokenBucket.Reservation slot = bucket.reserve(stored, nowMicros());
      return counter.compareAndSet(stored, slot.newTat()).compose(swapped -> {
        if (!swapped) {
          return reserve(counter, tries + 1);
        }
        status.quotaSeen(bucket, slot.newTat());
        return slot.waitMicros() == 0 ? Future.<Void>succeededFuture() : delay((slot.waitMicros() + 999) / 1000);
      });
    });
  }

  private Future<Void> delay(long ms) {
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(ms, id -> promise.complete());
    return promise.future();
  }
}
