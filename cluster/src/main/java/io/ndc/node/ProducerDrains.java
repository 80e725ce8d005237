package io.ndc.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * The nodes whose producers (collector, analysis, notification) are draining, cluster-wide. A node stops its
 * storage only when no producer anywhere is still draining, so when a whole cluster gets SIGTERM at once the
 * collectors' last batches still find a storage node to take them. Entries expire after the drain timeout, so a
 * node killed mid-drain holds nobody up for longer than that.
 */
final class ProducerDrains {
  private static final String MAP = "ndc.node.draining_producers";
  private static final long POLL_MS = 100;

  private final Vertx vertx;
  private final String nodeId;

  ProducerDrains(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  private Future<AsyncMap<String, Long>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }

  Future<Void> begin(long ttlMs) {
    return map().compose(m -> m.put(nodeId, System.currentTimeMillis(), ttlMs));
  }

  Future<Void> end() {
    return map().compose(m -> m.remove(nodeId)).mapEmpty();
  }

  /** Completes once no node is draining producers, or at {@code deadlineMs} (epoch ms) whatever they do. */
  Future<Void> awaitNone(long deadlineMs) {
    Promise<Void> done = Promise.promise();
    poll(deadlineMs, done);
    return done.future();
  }

  private void poll(long deadlineMs, Promise<Void> done) {
    map().compose(AsyncMap::size).onComplete(size -> {
      if (size.failed() || size.result() == 0 || System.currentTimeMillis() >= deadlineMs) {
        done.complete();
      } else {
        vertx.setTimer(POLL_MS, id -> poll(deadlineMs, done));
      }
    });
  }
}
