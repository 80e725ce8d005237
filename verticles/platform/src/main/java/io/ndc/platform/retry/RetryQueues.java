package io.ndc.platform.retry;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Durable work with retries through RabbitMQ delay queues. Queues under one prefix: {@code <prefix><work>} (durable,
 * the work), {@code <prefix>.retry.N} (one delay queue per failed attempt N, per-message TTL, dead-lettered back to
 * the work queue), {@code <prefix>.wait} (a delay that burns no attempt, same mechanism) and {@code <prefix>.dead}.
 * Everything is declared in the connection callback so it comes back after a reconnect; publishes are persistent
 * and wait for the broker's confirm; consumption is manual-ack with a bounded prefetch, and the owner acks a
 * delivery only once its outcome is durable.
 *
 * <p>A consumer's failed attempt n goes to {@link #publishRetry(JsonObject, int, long)} with
 * {@link RetryPolicy#delayMs(int)} until {@link RetryPolicy#exhausted(int)}, then to {@link #publishDead}.
 */
public class RetryQueues {
  private final RabbitMQClient client;
  private final String prefix;
  private final String work;
  private final String dead;
  private final int retryQueues;
  private final int prefetch;
  private final Promise<Void> declared = Promise.promise();

  /**
   * @param workSuffix what follows the prefix in the work queue's name ({@code ".jobs"}, {@code ".deliveries"})
   */
  public RetryQueues(RabbitMQClient client, String prefix, String workSuffix, RetryPolicy policy, int prefetch) {
    this.client = client;
    this.prefix = prefix;
    this.work = prefix + workSuffix;
    this.dead = prefix + ".dead";
    this.retryQueues = Math.max(1, policy.maxAttempts() - 1);
    this.prefetch = prefetch;
    client.addConnectionEstablishedCallback(promise -> declare().onComplete(ar -> {
      if (ar.succeeded()) {
        declared.tryComplete();
      } else {
        declared.tryFail(ar.cause());
      }
      promise.handle(ar);
    }));
  }

  /**
   * Connects and completes once the topology is declared and confirms are selected: the client's own start completes
   * before its connection callbacks have run, and a publish in between would find no confirms selected.
   */
  public Future<Void> start() {
    return client.start().compose(v -> declared.future());
  }

  public Future<Void> stop() {
    return client.stop();
  }

  public String workQueue() {
    return work;
  }

  public String deadQueue() {
    return dead;
  }

  /** Every queue this topology uses (tests delete them afterwards). */
  public List<String> queues() {
    List<String> names = new ArrayList<>(List.of(work, dead, prefix + ".wait"));
    for (int i = 1; i <= retryQueues; i++) {
      names.add(prefix + ".retry." + i);
    }
    return names;
  }

  private Future<Void> declare() {
    JsonObject backToWork = new JsonObject().put("x-dead-letter-exchange", "").put("x-dead-letter-routing-key", work);
    Future<?> chain = client.queueDeclare(work, true, false, false)
        .compose(ok -> client.queueDeclare(dead, true, false, false))
        .compose(ok -> client.queueDeclare(prefix + ".wait", true, false, false, backToWork));
    for (int i = 1; i <= retryQueues; i++) {
      String name = prefix + ".retry." + i;
      chain = chain.compose(ok -> client.queueDeclare(name, true, false, false, backToWork));
    }
    return chain.compose(ok -> client.confirmSelect()).compose(ok -> client.basicQos(prefetch));
  }

  public Future<Void> publish(JsonObject message) {
    return send(work, message, null);
  }

  /** Back to the work queue after {@code delayMs}, through the delay queue of failed attempt {@code attempt}. */
  public Future<Void> publishRetry(JsonObject message, int attempt, long delayMs) {
    return send(prefix + ".retry." + Math.min(Math.max(1, attempt), retryQueues), message, delayMs);
  }

  /** Back to the work queue after {@code delayMs} without counting an attempt (a throttled source, a pause). */
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
    return client.basicConsumer(work, new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(prefetch * 2))
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
}
