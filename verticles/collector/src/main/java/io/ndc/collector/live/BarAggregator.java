package io.ndc.collector.live;

import io.ndc.contract.market.BarEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates trades into 1m bars per symbol. A bar is final once a later minute starts (a trade of the next
 * minute, or the clock passing the minute's end); a forming bar is reported as changed so it can be re-sent with
 * {@code final=false}.
 */
public final class BarAggregator {
  static final long MINUTE_MS = 60_000;

  /** One symbol's forming bar. */
  static final class Bar {
    final String symbol;
    final long start;
    double open;
    double high;
    double low;
    double close;
    double volume;
    boolean changed;

    Bar(String symbol, long start, double price) {
      this.symbol = symbol;
      this.start = start;
      this.open = price;
      this.high = price;
      this.low = price;
      this.close = price;
    }

    JsonObject toJson(boolean fin) {
      return new BarEvent("1m", symbol, Instant.ofEpochMilli(start).toString(), open, high, low, close, volume, fin)
          .toJson();
    }
  }

  private final Map<String, Bar> forming = new HashMap<>();

  /** Adds a trade; returns the bar it closed (a trade of a new minute closes the previous one), or null. */
  public Bar add(String symbol, double price, double size, long epochMillis) {
    long start = epochMillis - Math.floorMod(epochMillis, MINUTE_MS);
    Bar bar = forming.get(symbol);
    Bar closed = null;
    if (bar != null && start > bar.start) {
      closed = bar;
      bar = null;
    }
    if (bar == null) {
      bar = new Bar(symbol, start, price);
      forming.put(symbol, bar);
    } else if (start < bar.start) {
      return null; // a trade from a minute already closed: it is stored as a trade, the closed bar stays final
    }
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
    bar.close = price;
    bar.volume += size;
    bar.changed = true;
    return closed;
  }

  /** Bars whose minute ended before {@code nowMillis}, removed from the forming set. */
  public List<Bar> closeBefore(long nowMillis) {
    List<Bar> closed = new ArrayList<>();
    forming.values().removeIf(bar -> {
      if (bar.start + MINUTE_MS <= nowMillis) {
        closed.add(bar);
        return true;
      }
      return false;
    });
    return closed;
  }

  /** Forming bars changed since the last call. */
  public List<Bar> changedForming() {
    List<Bar> changed = new ArrayList<>();
    for (Bar bar : forming.values()) {
      if (bar.changed) {
        bar.changed = false;
        changed.add(bar);
      }
    }
    return changed;
  }
}
