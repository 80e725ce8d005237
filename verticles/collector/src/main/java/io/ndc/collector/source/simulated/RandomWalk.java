package io.ndc.collector.source.simulated;

import io.ndc.collector.source.Bars;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated market: one seeded random walk per symbol over weekdays from a fixed origin, so the same seed,
 * symbol and date always give the same bar whatever window is asked (re-collecting a window is idempotent).
 */
public final class RandomWalk {
  static final LocalDate ORIGIN = LocalDate.of(2000, 1, 3);

  private final long seed;

  public RandomWalk(long seed) {
    this.seed = seed;
  }

  public SplittableRandom randomFor(String symbol) {
    return new SplittableRandom(seed * 31 + symbol.hashCode());
  }

  /** Daily bars of weekdays in [from, to] (nothing before the origin). */
  public List<JsonObject> dailyBars(String symbol, LocalDate from, LocalDate to) {
    SplittableRandom random = randomFor(symbol);
    double close = 20 + random.nextDouble() * 480;
    List<JsonObject> bars = new ArrayList<>();
    for (LocalDate day = ORIGIN; !day.isAfter(to); day = day.plusDays(1)) {
      if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      double open = round(close * (1 + gaussian(random) * 0.004));
      double next = round(Math.max(0.01, open * (1 + gaussian(random) * 0.018)));
      double high = round(Math.max(open, next) * (1 + Math.abs(gaussian(random)) * 0.006));
      double low = round(Math.min(open, next) * (1 - Math.abs(gaussian(random)) * 0.006));
      long volume = 100_000 + random.nextLong(9_900_000);
      if (!day.isBefore(from)) {
        bars.add(Bars.daily(symbol, day, open, Math.max(high, Math.max(open, next)), Math.min(low, Math.min(open, next)), next, volume));
      }
      close = next;
    }
    return bars;
  }

  /** The last close on or before {@code day}: where a live walk starts. */
  public double closeOn(String symbol, LocalDate day) {
    List<JsonObject> bars = dailyBars(symbol, day.minusDays(7), day);
    return bars.isEmpty() ? 100 : bars.get(bars.size() - 1).getDouble("close");
  }

  static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double round(double price) {
    return Math.round(price * 100) / 100.0;
  }
}
