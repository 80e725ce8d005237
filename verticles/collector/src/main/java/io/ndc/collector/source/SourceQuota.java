package io.ndc.collector.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

/**
 * A source's cluster-wide request quota: a fixed one-minute window kept in one cluster-wide counter whose value
 * packs the window (minute since epoch) and the count, so the window rolls over with a single compare-and-set and
 * no per-minute keys pile up. A caller over quota waits for the next window.
 */
public final class SourceQuota {
  private static final long COUNT_SPAN = 1_000_000L;
  private static final int MAX_CAS_TRIES = 32;

  private final Vertx vertx;
  private final String sourceId;
  private final String counterName;
  private final int perMinute;

  public SourceQuota(Vertx vertx, String sourceId, int perMinute) {
    this.vertx = vertx;
    this.sourceId = sourceId;
    this.counterName = "ndc.collector.quota." + sourceId;
    this.perMinute = perMinute;
  }

  /** Completes when one request may go out. */
  public Future<Void> acquire() {
    return vertx.sharedData().getCounter(counterName).compose(counter -> take(counter, 0));
  }

  /** Requests used in the current minute. */
  public Future<Long> used() {
    return vertx.sharedData().getCounter(counterName).compose(Counter::get).map(packed -> {
      long minute = currentMinute();
      return packed / COUNT_SPAN == minute ? packed % COUNT_SPAN : 0L;
    });
  }

  private Future<Void> take(Counter counter, int tries) {
    if (tries >= MAX_CAS_TRIES) {
      // heavy contention on the counter: back off briefly instead of spinning
      Promise<Void> later = Promise.promise();
      vertx.setTimer(1 + (long) (Math.random() * 20), id -> later.complete());
      return later.future().compose(v -> take(counter, 0));
    }
    long minute = currentMinute();
    return counter.get().compose(packed -> {
      long windowStart = packed / COUNT_SPAN;
      long count = packed % COUNT_SPAN;
      if (windowStart == minute && count >= perMinute) {
        return waitForNextWindow().compose(v -> take(counter, 0));
      }
      long next = windowStart == minute ? packed + 1 : minute * COUNT_SPAN + 1;
      return counter.compareAndSet(packed, next).compose(swapped -> {
        if (!swapped) {
          return take(counter, tries + 1);
        }
        SourceStatus.of(sourceId).quotaUsed(next % COUNT_SPAN);
        return Future.<Void>succeededFuture();
      });
    });
  }

  private Future<Void> waitForNextWindow() {
    long now = System.currentTimeMillis();
    long delay = Math.max(1, 60_000 - now % 60_000);
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(delay, id -> promise.complete());
    return promise.future();
  }

  private static long currentMinute() {
    return System.currentTimeMillis() / 60_000;
  }
}
