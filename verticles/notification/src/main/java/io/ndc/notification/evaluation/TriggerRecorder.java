package io.ndc.notification.evaluation;

import io.ndc.contract.notify.SubscriptionSpec;
import io.ndc.contract.notify.Trigger;
import io.ndc.notification.delivery.DeliveryQueue;
import io.ndc.notification.delivery.DeliveryWorkerVerticle;
import io.ndc.notification.store.RuleStore;
import io.ndc.notification.store.SubscriptionStore;
import io.ndc.notification.store.TriggerStore;
import io.ndc.platform.clients.Postgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every evaluator does once a rule fires: records the trigger (its id unique in PostgreSQL, so a trigger seen
 * twice fires once) with one delivery per channel, the rule's own or, when it names none, its owner's subscriptions
 * for the rule's type, and queues the deliveries. Also the rule store the evaluators read from.
 */
final class TriggerRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerRecorder.class);

  final RuleStore rules;
  private final TriggerStore triggers;
  private final SubscriptionStore subscriptions;
  private final DeliveryQueue queue;

  TriggerRecorder(Vertx vertx, JsonObject config) {
    Pool pg = Postgres.pool(vertx, config, "notify");
    this.rules = new RuleStore(pg);
    this.triggers = new TriggerStore(pg);
    this.subscriptions = new SubscriptionStore(pg);
    this.queue = new DeliveryQueue(vertx, config);
  }

  Future<Void> start() {
    return queue.start();
  }

  Future<Void> stop() {
    return queue.stop();
  }

  void record(JsonObject rule, Trigger trigger) {
    JsonArray own = rule.getJsonArray("channels");
    Future<JsonArray> subscribed = own.isEmpty()
        ? subscriptions.channels(rule.getString("user_id"), SubscriptionSpec.RULE_TYPE + rule.getString("type"))
        : Future.succeededFuture(new JsonArray());
    subscribed.compose(subs -> triggers.fire(trigger, rule.getString("user_id"), rule.getString("mode"),
            TriggerStore.channelsFor(own, subs)))
        .compose(deliveries -> DeliveryWorkerVerticle.enqueue(queue, deliveries))
        .onFailure(e -> LOG.error("trigger {} not recorded: {}", trigger.id(), e.toString()));
  }
}
