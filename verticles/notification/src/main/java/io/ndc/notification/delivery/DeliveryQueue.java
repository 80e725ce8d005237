package io.ndc.notification.delivery;

import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.config.Settings;
import io.ndc.platform.retry.RetryPolicy;
import io.ndc.platform.retry.RetryQueues;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The deliveries' RabbitMQ side: the platform's {@link RetryQueues} under {@code notification.queue_prefix}
 * ({@code .deliveries}, {@code .retry.N}, {@code .wait}, {@code .dead}), retries per {@code notification.retry.*}.
 * Message body {@code {"delivery_id","attempt"}}.
 */
public final class DeliveryQueue extends RetryQueues {

  public DeliveryQueue(Vertx vertx, JsonObject config) {
    super(RabbitClients.create(vertx, config), Settings.of(config).string("notification.queue_prefix"), ".deliveries",
        retryPolicy(config), Settings.of(config).integer("notification.prefetch"));
  }

  public static RetryPolicy retryPolicy(JsonObject config) {
    return RetryPolicy.fromConfig(config, "notification.retry");
  }

  public static JsonObject message(String deliveryId, int attempt) {
    return new JsonObject().put("delivery_id", deliveryId).put("attempt", attempt);
  }
}
