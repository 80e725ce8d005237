package io.ndc.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Interest-based routing for this node: a bus consumer exists for an address only while at least one local session
 * wants it, so in a cluster a node receives only the symbols its own clients asked for. Each publication is encoded
 * once and the same text goes to every interested session.
 *
 * <p>While the node keeps up, each publication is fanned out as it arrives, every trade of a burst included. A timer
 * measures how late this event loop runs its tasks; while that lag is over {@code conflateLagMs} the node is behind
 * its bus input, and publications wait for one fan-out task queued behind them, where a trade replaces the waiting
 * trade of the same symbol and address (counted in {@code ndc_ws_node_conflated_total}); bars and alerts wait in
 * order and are never replaced. So an overloaded node sends its clients the newest trades with a bounded delay
 * instead of an ever older backlog. One fan-out task makes at most {@code writesPerTask} session writes and queues
 * the rest behind whatever arrived meanwhile, so the loop is never held for the whole backlog (its lag timer, the
 * clients' frames and new publications, which replace the waiting trades of their symbols, run in between).
 */
final class SubscriptionHub {
  private final Vertx vertx;
  private final IndicatorInterests interests;
  private final StreamMetrics metrics;
  private final Map<String, Topic> topics = new HashMap<>();
  /** Publications not fanned out yet, in arrival order; keyed by {@link TradeKey} for trades, by themselves otherwise. */
  private final Map<Object, Waiting> waiting = new LinkedHashMap<>();
  private boolean fanOutQueued;
  private final long conflateLagMs;
  private final long lagTimer;
  private long lagCheckDue;
  private boolean behind;

  private record Waiting(Topic topic, StreamChannel channel, String conflationKey, JsonObject body) {
  }

  private record TradeKey(Topic topic, String symbol) {
  }

  private static final long LAG_CHECK_MS = 50;
  /** About 20 ms of writes on this kind of machine (10 us per session write, measured with ws-fanout-live.sh). */
  static final int WRITES_PER_TASK = 2_000;
  private final int writesPerTask;

  private static final class Topic {
    final MessageConsumer<JsonObject> consumer;
    final Set<StreamSubscriber> sessions = new LinkedHashSet<>();
    /** Registered cluster-wide and, for live indicators, the lease taken. */
    Future<Void> ready;

    Topic(MessageConsumer<JsonObject> consumer) {
      this.consumer = consumer;
      this.ready = consumer.completion();
    }
  }

  /** Call on the event loop that serves the streams: the lag measured is that loop's. */
  SubscriptionHub(Vertx vertx, StreamMetrics metrics, long conflateLagMs) {
    this(vertx, metrics, conflateLagMs, WRITES_PER_TASK, null);
  }

  /**
   * With {@code interests}: an indicator address is listened to only while its lease with the analysis service is
   * held. {@code writesPerTask}: the session writes one fan-out task makes while the node is behind.
   */
  SubscriptionHub(Vertx vertx, StreamMetrics metrics, long conflateLagMs, int writesPerTask, IndicatorInterests interests) {
    this.vertx = vertx;
    this.writesPerTask = writesPerTask;
    this.interests = interests;
    this.metrics = metrics;
    this.conflateLagMs = conflateLagMs;
    this.lagCheckDue = System.currentTimeMillis() + LAG_CHECK_MS;
    this.lagTimer = vertx.setPeriodic(LAG_CHECK_MS, id -> {
      long now = System.currentTimeMillis();
      lagMeasured(Math.max(0, now - lagCheckDue));
      lagCheckDue = now + LAG_CHECK_MS;
    });
  }

  /** How late this loop ran a task that was due (the lag timer's); decides whether trades are conflated. */
  void lagMeasured(long lagMs) {
    metrics.loopLag.record(lagMs, TimeUnit.MILLISECONDS);
    behind = lagMs > conflateLagMs;
  }

  void close() {
    vertx.cancelTimer(lagTimer);
  }

  /** Adds the session to an address; completes when the bus registration (cluster-wide) is done. */
  Future<Void> add(StreamSubscriber session, String address, StreamChannel channel, String conflationKey) {
    Topic topic = topics.get(address);
    if (topic == null) {
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address);
      Topic created = new Topic(consumer);
      consumer.handler(message -> receive(created, channel, conflationKey, message.body()));
      topics.put(address, created);
      if (channel.indicators() && interests != null) {
        created.ready = Future.all(created.ready, interests.take(address)).<Void>mapEmpty()
            .onFailure(e -> dropIfUnused(address, created));
      }
      topic = created;
    }
    if (topic.sessions.add(session)) {
      metrics.subscriptions.incrementAndGet();
    }
    return topic.ready;
  }

  /** A topic whose lease could not be taken goes once no session holds it, so the next subscribe tries again. */
  private void dropIfUnused(String address, Topic topic) {
    if (topics.get(address) == topic && topic.sessions.isEmpty()) {
      topics.remove(address);
      topic.consumer.unregister();
    }
  }

  void remove(StreamSubscriber session, String address) {
    Topic topic = topics.get(address);
    if (topic != null && topic.sessions.remove(session)) {
      metrics.subscriptions.decrementAndGet();
      if (topic.sessions.isEmpty()) {
        topics.remove(address);
        topic.consumer.unregister();
        if (indicatorAddress(address) && interests != null) {
          interests.release(address);
        }
      }
    }
  }

  private static boolean indicatorAddress(String address) {
    return address.startsWith(io.ndc.contract.analysis.AnalysisAddresses.INDICATOR_PREFIX);
  }

  private void receive(Topic topic, StreamChannel channel, String conflationKey, JsonObject body) {
    metrics.busMessagesIn.increment();
    if (!behind && waiting.isEmpty()) {
      deliver(topic, channel, conflationKey, body);
      return;
    }
    Waiting publication = new Waiting(topic, channel, conflationKey, body);
    if (channel.conflatable()) {
      if (waiting.put(new TradeKey(topic, body.getString("symbol", "")), publication) != null) {
        metrics.nodeConflated.increment();
      }
    } else {
      waiting.put(publication, publication);
    }
    if (!fanOutQueued) {
      fanOutQueued = true;
      vertx.runOnContext(v -> fanOut());
    }
  }

  /** Fans out waiting publications in arrival order, {@code writesPerTask} session writes at most; requeues itself for the rest. */
  private void fanOut() {
    int writes = 0;
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext() && writes < writesPerTask; ) {
      Waiting w = it.next();
      it.remove();
      writes += deliver(w.topic(), w.channel(), w.conflationKey(), w.body());
    }
    if (waiting.isEmpty()) {
      fanOutQueued = false;
    } else {
      vertx.runOnContext(v -> fanOut());
    }
  }

  /** Sends the publication to the topic's sessions; returns how many. */
  private int deliver(Topic topic, StreamChannel channel, String conflationKey, JsonObject body) {
    if (topic.sessions.isEmpty()) {
      return 0;
    }
    String frame = body.encode();
    // a wildcard subscription conflates per symbol of the event, not per subscription
    String key = conflationKey == null || !channel.conflatable() ? conflationKey : body.getString("symbol", conflationKey);
    for (StreamSubscriber session : topic.sessions) {
      session.deliver(frame, channel.conflatable() ? key : null);
    }
    return topic.sessions.size();
  }
}
