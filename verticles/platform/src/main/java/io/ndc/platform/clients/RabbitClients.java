package io.ndc.platform.clients;

import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * RabbitMQ clients that reconnect through Vert.x's own reconnect loop (the Java client's automatic recovery is
 * off so the two never fight). Declare exchanges and queues in {@code addConnectionEstablishedCallback} so they
 * come back after a reconnect.
 */
public final class RabbitClients {
  private RabbitClients() {
  }

  public static RabbitMQOptions options(JsonObject config) {
    return new RabbitMQOptions()
        .setUri(Dependency.RABBITMQ.url(config))
        .setAutomaticRecoveryEnabled(false)
        .setReconnectAttempts(Integer.MAX_VALUE)
        .setReconnectInterval(Settings.of(config).longValue("amqp.reconnect_interval_ms"))
        .setConnectionTimeout(Settings.of(config).integer("amqp.connect_timeout_ms"))
        .setRequestedHeartbeat(Settings.of(config).integer("amqp.heartbeat_s"));
  }

  public static RabbitMQClient create(Vertx vertx, JsonObject config) {
    return RabbitMQClient.create(vertx, options(config));
  }

  /** Start-up check with a client that does not retry, so an absent broker fails the start at once. */
  public static Future<Void> verifyReachable(Vertx vertx, JsonObject config) {
    RabbitMQClient probe = RabbitMQClient.create(vertx, options(config).setReconnectAttempts(0));
    return probe.start()
        .recover(e -> Future.failedFuture(Dependency.RABBITMQ.unreachable(config, e)))
        .compose(v -> probe.stop());
  }
}
