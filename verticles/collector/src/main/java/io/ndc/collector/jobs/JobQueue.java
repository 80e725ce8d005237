package io.ndc.collector.jobs;

import com.rabbitmq.client.AMQP;
import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The RabbitMQ side of jobs. Queues (names from {@code collector.queue_prefix}, default {@code ndc.collect}):
 * {@code .jobs} (durable, the work), {@code .retry.N} (one delay queue per failed attempt N, per-message TTL, dead-lettered
 * back to {@code .jobs}), {@code .wait} (throttled jobs, same mechanism, no attempt burnt) and {@code .dead}. Everything is
 * declared in the connection callback so it comes back after a reconnect; publishes are persistent and wait for the
 * broker's confirm.
 */
public final class JobQueue {
  private final RabbitMQClient client;
  private final String jobs;
  private final String dead;
  private final String prefix;
  private final int retryQueues;
  private final int prefetch;

  public JobQueue(Vertx vertx, JsonObject config, RetryPolicy policy) {
    this.client = RabbitClients.create(vertx, config);
    this.prefix = Settings.of(config).string("collector.queue_prefix");
    this.jobs = prefix + ".jobs";
    this.dead = prefix + ".dead";
    this.retryQueues = Math.max(1, policy.maxAttempts() - 1);
    this.prefetch = Settings.of(config).integer("collector.prefetch");
    client.addConnectionEstablishedCallback(promise -> declare().onComplete(promise));
  }

  public Future<Void> start() {
    return client.start();
  }

  public Future<Void> stop() {
    return client.stop();
  }

  public String deadQueue() {
    return dead;
  }

  /** Every queue this topology uses (tests delete them afterwards). */
  public List<String> queues() {
    List<String> names = new ArrayList<>(List.of(jobs, dead, prefix + ".wait"));
    for (int i = 1; i <= retryQueues; i++) {
      names.add(prefix + ".retry." + i);
    }
    return names;
  }

  private Future<Void> declare() {
    JsonObject backToJobs = new JsonObject().put("x-dead-letter-exchange", "").put("x-dead-letter-routing-key", jobs);
    Future<?> chain = client.queueDeclare(jobs, true, false, false)
        .compose(ok -> client.queueDeclare(dead, true, false, false))
        .compose(ok -> client.queueDeclare(prefix + ".wait", true, false, false, backToJobs));
    for (int i = 1; i <= retryQueues; i++) {
      String name = prefix + ".retry." + i;
      chain = chain.compose(ok -> client.queueDeclare(name, true, false, false, backToJobs));
    }
    return chain.compose(ok -> client.confirmSelect()).compose(ok -> client.basicQos(prefetch));
  }

  public Future<Void> publish(JsonObject message) {
    return send(jobs, message, null);
  }

  /** Back to the work queue after {@code delayMs}, through the delay queue of failed attempt {@code attempt}. */
  public Future<Void> publishRetry(JsonObject message, int attempt, long delayMs) {
    return send(prefix + ".retry." + Math.min(Math.max(1, attempt), retryQueues), message, delayMs);
  }

  public Future<Void> publishWait(JsonObject message, long delayMs) {
    return send(prefix + ".wait", message, delayMs);
  }

  public Future<Void> publishDead(JsonObject message) {
    return send(dead, message, null);
  }

  private Future<Void> send(String queue, JsonObject message, Long expirationMs) {
    AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json");
    if (expirationMs != null) {
      props.expiration(Long.toString(Math.max(1, expirationMs)));
    }
    return client.basicPublish("", queue, props.build(), message.toBuffer()).compose(v -> client.waitForConfirms());
  }

  /** Consumes the work queue with manual acks; the handler acks through {@link #ack} when the work is durable. */
  public Future<RabbitMQConsumer> consume(Consumer<RabbitMQMessage> handler) {
    return client.basicConsumer(jobs, new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(prefetch * 2))
        .map(consumer -> consumer.handler(handler::accept));
  }

  public Future<Void> ack(RabbitMQMessage message) {
    return client.basicAck(message.envelope().getDeliveryTag(), false);
  }

  /** Gives a delivery back to the queue (its outcome could not be made durable; another try will redo it). */
  public Future<Void> requeue(RabbitMQMessage message) {
    return client.basicNack(message.envelope().getDeliveryTag(), false, true);
  }

  public Future<Long> messageCount(String queue) {
    return client.messageCount(queue);
  }

  public Future<Void> deleteQueues() {
    Future<?> chain = Future.succeededFuture();
    for (String q : queues()) {
      chain = chain.compose(v -> client.queueDelete(q));
    }
    return chain.mapEmpty();
  }

  static JsonObject decode(Buffer body) {
    return new JsonObject(body);
  }
}
