package io.ndc.collector.jobs;

import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.config.Settings;
import io.ndc.platform.retry.RetryPolicy;
import io.ndc.platform.retry.RetryQueues;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The RabbitMQ side of jobs: the platform's {@link RetryQueues} under {@code collector.queue_prefix}
 * ({@code ndc.collect}): {@code .jobs} (the work), {@code .retry.N}, {@code .wait} (throttled jobs, no attempt burnt)
 * and {@code .dead}; retries follow {@code collector.retry.*}.
 */
public final class JobQueue extends RetryQueues {

  public JobQueue(Vertx vertx, JsonObject config, RetryPolicy policy) {
    super(RabbitClients.create(vertx, config), Settings.of(config).string("collector.queue_prefix"), ".jobs", policy,
        Settings.of(config).integer("collector.prefetch"));
  }

  /** The collector's retry policy ({@code collector.retry.*}). */
  public static RetryPolicy retryPolicy(JsonObject config) {
    return RetryPolicy.fromConfig(config, "collector.retry");
  }

  static JsonObject decode(Buffer body) {
    return new JsonObject(body);
  }
}
