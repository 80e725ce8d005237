package io.ndc.notification.evaluation;

import io.ndc.contract.market.JsonNumbers;
import io.ndc.contract.notify.RuleType;
import io.ndc.notification.evaluation.RuleEvaluatorVerticle.Fire;
import io.vertx.core.json.JsonObject;
import java.util.Deque;

/** The conditions of SPEC §10 over the newest trade or bar; each answers the fire or null. */
final class Conditions {
  private Conditions() {
  }

  /** gte/lte hold on every trade at or past the value; cross_up/cross_down only on the trade that crosses it. */
  static Fire price(JsonObject condition, Double previous, double price) {
    double value = condition.getDouble("value");
    boolean holds = switch (condition.getString("op")) {
      case "gte" -> price >= value;
      case "lte" -> price <= value;
      case "cross_up" -> previous != null && previous < value && price >= value;
      default -> previous != null && previous > value && price <= value;
    };
    return holds ? new Fire(price, "price " + text(price) + " " + condition.getString("op") + " " + text(value)) : null;
  }

  /** The move from the oldest trade inside the window to this one, in percent. */
  static Fire percent(JsonObject condition, Deque<double[]> recent, long nowMs, double price) {
    long from = nowMs - RuleType.windowMs(condition.getString("window"));
    double[] base = null;
    for (double[] trade : recent) {
      if (trade[0] >= from) {
        base = trade;
        break;
      }
    }
    if (base == null || base[1] == 0) {
      return null;
    }
    double pct = (price - base[1]) / base[1] * 100;
    double wanted = condition.getDouble("pct");
    boolean holds = switch (condition.getString("direction")) {
      case "up" -> pct >= wanted;
      case "down" -> pct <= -wanted;
      default -> Math.abs(pct) >= wanted;
    };
    return holds ? new Fire(pct, "moved " + text(Math.round(pct * 100) / 100.0) + "% in " + condition.getString("window")) : null;
  }

  /** A bar's volume over k times the average of the n final bars before it. */
  static Fire volume(JsonObject condition, Deque<Double> volumes, double volume) {
    int n = condition.getInteger("n");
    if (volumes.size() < n) {
      return null;
    }
    double sum = 0;
    int i = 0;
    for (var it = volumes.descendingIterator(); it.hasNext() && i < n; i++) {
      sum += it.next();
    }
    double average = sum / n;
    double k = condition.getDouble("k");
    return average > 0 && volume > k * average
        ? new Fire(volume, "volume " + text(volume) + " over " + text(k) + " x the " + n + "-bar average " + text(average)) : null;
  }

  static void trim(Deque<double[]> recent, long nowMs, long keepMs) {
    while (!recent.isEmpty() && recent.peekFirst()[0] < nowMs - keepMs) {
      recent.removeFirst();
    }
  }

  private static String text(double value) {
    return JsonNumbers.of(value).toString();
  }
}
