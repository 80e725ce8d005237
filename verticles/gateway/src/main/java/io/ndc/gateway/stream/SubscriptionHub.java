package io.ndc.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Interest-based routing for this node: a bus consumer exists for an address only while at least one local session
 * wants it, so in a cluster a node receives only the symbols its own clients asked for. Each publication is encoded
 * once and the same text goes to every interested session.
 */
final class SubscriptionHub {
  private final Vertx vertx;
  private final StreamMetrics metrics;
  private final Map<String, Topic> topics = new HashMap<>();

  private static final class Topic {
    final MessageConsumer<JsonObject> consumer;
    final Set<StreamSession> sessions = new LinkedHashSet<>();

    Topic(MessageConsumer<JsonObject> consumer) {
      this.consumer = consumer;
    }
  }

  SubscriptionHub(Vertx vertx, StreamMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** Adds the session to an address; completes when the bus registration (cluster-wide) is done. */
  Future<Void> add(StreamSession session, String address, StreamChannel channel, String conflationKey) {
    Topic topic = topics.get(address);
    if (topic == null) {
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address);
      Topic created = new Topic(consumer);
      consumer.handler(message -> deliver(created, channel, conflationKey, message.body()));
      topics.put(address, created);
      topic = created;
    }
    if (topic.sessions.add(session)) {
      metrics.subscriptions.incrementAndGet();
    }
    return topic.consumer.completion();
  }

  void remove(StreamSession session, String address) {
    Topic topic = topics.get(address);
    if (topic != null && topic.sessions.remove(session)) {
      metrics.subscriptions.decrementAndGet();
      if (topic.sessions.isEmpty()) {
        topics.remove(address);
        topic.consumer.unregister();
      }
    }
  }

  /** Addresses this node currently listens to (for tests and the operator view). */
  Set<String> addresses() {
    return Set.copyOf(topics.keySet());
  }

  private void deliver(Topic topic, StreamChannel channel, String conflationKey, JsonObject body) {
    metrics.busMessagesIn.increment();
    if (topic.sessions.isEmpty()) {
      return;
    }
    String frame = body.encode();
    // a wildcard subscription conflates per symbol of the event, not per subscription
    String key = conflationKey == null || !channel.conflatable() ? conflationKey : body.getString("symbol", conflationKey);
    for (StreamSession session : topic.sessions) {
      session.deliver(frame, channel.conflatable() ? key : null);
    }
  }
}
