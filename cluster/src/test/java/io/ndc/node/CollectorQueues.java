package io.ndc.node;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.jobs.RetryPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Test clean-up: deletes the RabbitMQ queues a test's collector declared (the client has no purge). */
final class CollectorQueues {
  private CollectorQueues() {
  }

  /** {@code config} carries the test's {@code collector.queue_prefix}. */
  static void delete(Vertx vertx, JsonObject config) {
    JobQueue queue = new JobQueue(vertx, config, RetryPolicy.fromConfig(new JsonObject()));
    queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()).await();
  }
}
