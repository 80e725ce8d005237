package io.ndc.collector.source.simulated;

import io.ndc.collector.source.LiveFeed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates trades at a steady rate over its symbols on a timer (every {@value #TICK_MS} ms), each symbol walking
 * from its last simulated daily close (computed at its first trade, so opening a feed of many symbols does not hold
 * the event loop). Trades carry the instant they were generated.
 */
final class SimulatedFeed implements LiveFeed {
  static final long TICK_MS = 10;

  private final Vertx vertx;
  private final List<String> symbols;
  private final RandomWalk walk;
  /** Last price per symbol; NaN until the symbol's first trade starts it from its last simulated close. */
  private final double[] prices;
  private final double tradesPerSecond;
  private long lastTickNanos = System.nanoTime();
  private final LiveFeed.Listener listener;
  private final SplittableRandom random;
  private final long timer;
  private double owed;

  SimulatedFeed(Vertx vertx, RandomWalk walk, List<String> symbols, double tradesPerSecond, LiveFeed.Listener listener) {
    this.vertx = vertx;
    this.symbols = List.copyOf(symbols);
    this.listener = listener;
    this.tradesPerSecond = tradesPerSecond;
    this.random = walk.randomFor(String.join(",", symbols) + System.nanoTime());
    this.walk = walk;
    this.prices = new double[symbols.size()];
    java.util.Arrays.fill(prices, Double.NaN);
    listener.connected(false);
    this.timer = vertx.setPeriodic(TICK_MS, id -> tick());
  }

  /** Trades owed for the time elapsed (a late timer catches up, by at most ten ticks' worth). */
  private void tick() {
    long nowNanos = System.nanoTime();
    double elapsedSeconds = Math.min(10 * TICK_MS / 1000.0, (nowNanos - lastTickNanos) / 1e9);
    lastTickNanos = nowNanos;
    owed += tradesPerSecond * elapsedSeconds;
    int count = (int) owed;
    owed -= count;
    long now = System.currentTimeMillis();
    for (int n = 0; n < count; n++) {
      int i = random.nextInt(prices.length);
      if (Double.isNaN(prices[i])) {
        prices[i] = walk.closeOn(symbols.get(i), LocalDate.now(ZoneOffset.UTC));
      }
      double price = Math.max(0.01, RandomWalk.round(prices[i] * (1 + RandomWalk.gaussian(random) * 0.0005)));
      prices[i] = price;
      listener.trade(symbols.get(i), price, 1 + random.nextInt(500), now);
    }
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
