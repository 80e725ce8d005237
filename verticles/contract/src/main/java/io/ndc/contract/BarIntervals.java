package io.ndc.contract;

import java.util.List;

/**
 * The bar intervals of NDC (SPEC §5), in every request, address ({@code ndc.market.bar.<INTERVAL>.<SYMBOL>}) and
 * frame: intraday ones are keyed by instant ({@code ts}), daily and longer by date.
 */
public final class BarIntervals {
  public static final List<String> ALL = List.of("1m", "5m", "15m", "1h", "daily", "weekly", "monthly");
  public static final List<String> INTRADAY = List.of("1m", "5m", "15m", "1h");

  private BarIntervals() {
  }

  /** {@code interval} itself when it is one of {@link #ALL}; an {@link IllegalArgumentException} naming them otherwise. */
  public static String require(String interval) {
    if (interval == null || !ALL.contains(interval)) {
      throw new IllegalArgumentException("unknown interval '" + interval + "'; use one of " + String.join(", ", ALL));
    }
    return interval;
  }

  public static boolean intraday(String interval) {
    return INTRADAY.contains(interval);
  }
}
