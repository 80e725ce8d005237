package io.ndc.node;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Test clean-up: deletes the RabbitMQ queues a test's collector declared (the client has no purge). */
final class CollectorQueues {
  private CollectorQueues() {
  }

  /** {@code config} carries the test's {@code collector.queue_prefix}. */
  static void delete(Vertx vertx, JsonObject config) {
    JobQueue queue = new JobQueue(vertx, config, JobQueue.retryPolicy(new JsonObject()));
    queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()).await();
  }

  /**
   * After node processes ran on {@code database} with queue prefix {@code test.<database>}: deletes their collector
   * queues and drops the database.
   */
  static void deleteWithDatabase(String database) {
    Vertx vertx = Vertx.vertx();
    try {
      delete(vertx, TestConfig.forDatabase(database).put("collector", new JsonObject().put("queue_prefix", "test." + database)));
    } finally {
      vertx.close().await();
      TestConfig.dropDatabase(database);
    }
  }
}
