package io.ndc.notification.evaluation;

import io.ndc.contract.MarketAddresses;
import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.contract.notify.RuleSpec;
import io.ndc.contract.notify.RuleType;
import io.ndc.contract.notify.Trigger;
import io.ndc.contract.market.BarEvent;
import io.ndc.contract.market.TradeEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates PRICE_ALERT and PERCENT_CHANGE rules on each trade and VOLUME_ALERT rules on each final bar, as they are
 * published: it subscribes to the market addresses of exactly the symbols (and intervals) that have live rules, and
 * reloads the rules when {@link NotificationAddresses#RULES_CHANGED} says they changed. Never polls. A rule that
 * fires becomes a trigger whose id is (rule, symbol, the trade or bar), stored once in PostgreSQL with its
 * deliveries, which then go to the delivery queue.
 */
public final class RuleEvaluatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluatorVerticle.class);
  private static final RuleType[] EVALUATED = {RuleType.PRICE_ALERT, RuleType.PERCENT_CHANGE, RuleType.VOLUME_ALERT};

  private TriggerRecorder recorder;
  /** address → rules evaluated on its messages */
  private Map<String, List<JsonObject>> byAddress = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> consumers = new HashMap<>();
  /** Rules fired and not yet reloaded (a once-rule stays quiet meanwhile), and every-rules' last fire. */
  private final Set<String> firedOnce = new HashSet<>();
  private final Map<String, Instant> lastFired = new HashMap<>();
  private final Map<String, Double> lastPrice = new HashMap<>();
  private final Map<String, Deque<double[]>> recentTrades = new HashMap<>();
  private final Map<String, Deque<Double>> recentVolumes = new HashMap<>();
  private boolean reloading;
  private boolean reloadAgain;

  @Override
  public Future<?> start() {
    recorder = new TriggerRecorder(vertx, config());
    return recorder.start()
        .compose(v -> vertx.eventBus().<JsonObject>consumer(NotificationAddresses.RULES_CHANGED, m -> reload()).completion())
        .compose(v -> load());
  }

  @Override
  public Future<?> stop() {
    return recorder.stop();
  }

  private void reload() {
    if (reloading) {
      reloadAgain = true;
      return;
    }
    load().onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("reloading rules failed: {}", ar.cause().toString());
      }
    });
  }

  /** Reads the live rules and subscribes to exactly the addresses they need. */
  private Future<Void> load() {
    reloading = true;
    return recorder.rules.live(EVALUATED).compose(live -> {
      Map<String, List<JsonObject>> next = new HashMap<>();
      for (Object o : live) {
        JsonObject rule = (JsonObject) o;
        next.computeIfAbsent(address(rule), a -> new ArrayList<>()).add(rule);
        Object last = rule.getValue("last_triggered_at");
        if (last != null) {
          lastFired.merge(rule.getString("id"), Instant.parse((String) last), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      byAddress = next;
      List<Future<?>> changes = new ArrayList<>();
      for (String address : next.keySet()) {
        if (!consumers.containsKey(address)) {
          MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, m -> evaluate(address, m.body()));
          consumers.put(address, consumer);
          changes.add(consumer.completion());
        }
      }
      for (String address : new ArrayList<>(consumers.keySet())) {
        if (!next.containsKey(address)) {
          changes.add(consumers.remove(address).unregister());
        }
      }
      return Future.all(changes).<Void>mapEmpty();
    }).onComplete(ar -> {
      reloading = false;
      if (reloadAgain) {
        reloadAgain = false;
        reload();
      }
    });
  }

  private static String address(JsonObject rule) {
    String symbol = rule.getString("symbol");
    return RuleType.VOLUME_ALERT.name().equals(rule.getString("type"))
        ? MarketAddresses.bar(rule.getJsonObject("condition").getString("interval"), symbol)
        : MarketAddresses.trade(symbol);
  }

  private void evaluate(String address, JsonObject body) {
    List<JsonObject> watching = byAddress.getOrDefault(address, List.of());
    try {
      if (address.startsWith(MarketAddresses.trade(""))) {
        TradeEvent trade = TradeEvent.fromJson(body);
        Double previous = lastPrice.put(trade.symbol(), trade.price());
        Instant ts = Instant.parse(trade.ts());
        Deque<double[]> recent = recentTrades.computeIfAbsent(trade.symbol(), s -> new ArrayDeque<>());
        recent.addLast(new double[] {ts.toEpochMilli(), trade.price()});
        String event = "trade:" + trade.ts() + ":" + trade.seq();
        for (JsonObject rule : watching) {
          Fire fire = RuleType.PRICE_ALERT.name().equals(rule.getString("type"))
              ? Conditions.price(rule.getJsonObject("condition"), previous, trade.price())
              : Conditions.percent(rule.getJsonObject("condition"), recent, ts.toEpochMilli(), trade.price());
          consider(rule, trade.symbol(), fire, event, ts);
        }
        Conditions.trim(recent, ts.toEpochMilli(), RuleType.windowMs("1d"));
      } else {
        BarEvent bar = BarEvent.fromJson(body);
        if (!bar.fin()) {
          return;
        }
        Instant ts = Instant.parse(bar.ts().length() <= 10 ? bar.ts() + "T00:00:00Z" : bar.ts());
        Deque<Double> volumes = recentVolumes.computeIfAbsent(address, a -> new ArrayDeque<>());
        for (JsonObject rule : watching) {
          consider(rule, bar.symbol(), Conditions.volume(rule.getJsonObject("condition"), volumes, bar.volume()),
              "bar:" + bar.interval() + ":" + bar.ts(), ts);
        }
        volumes.addLast(bar.volume());
        while (volumes.size() > RuleType.MAX_VOLUME_BARS) {
          volumes.removeFirst();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("unreadable market event on {}: {}", address, e.toString());
    }
  }

  /** A condition that held: the value that made it hold and the message. */
  record Fire(double value, String message) {
  }

  private void consider(JsonObject rule, String symbol, Fire fire, String event, Instant ts) {
    if (fire == null) {
      return;
    }
    String id = rule.getString("id");
    Object expires = rule.getValue("expires_at");
    if (firedOnce.contains(id) || (expires != null && !Instant.parse((String) expires).isAfter(ts))) {
      return;
    }
    boolean once = RuleSpec.ONCE.equals(rule.getString("mode"));
    if (!once) {
      Instant last = lastFired.get(id);
      if (last != null && ts.isBefore(last.plusSeconds(rule.getLong("cooldown_s", 0L)))) {
        return;
      }
      lastFired.put(id, ts);
    } else {
      firedOnce.add(id);
    }
    Trigger trigger = new Trigger(id + ":" + symbol + ":" + event, id, symbol, fire.value(),
        rule.getString("name") + ": " + fire.message(), ts);
    recorder.record(rule, trigger);
  }
}
