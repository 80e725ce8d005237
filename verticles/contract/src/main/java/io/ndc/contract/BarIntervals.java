package io.ndc.contract;

import java.util.Arrays;
import java.util.List;

/**
 * The ids of the {@link BarInterval}s, as every request, address ({@code ndc.market.bar.<INTERVAL>.<SYMBOL>}) and
 * frame names them: intraday ones are keyed by instant ({@code ts}), daily and longer by date.
 */
public final class BarIntervals {
  public static final List<String> ALL = Arrays.stream(BarInterval.values()).map(BarInterval::id).toList();
  public static final List<String> INTRADAY = Arrays.stream(BarInterval.values()).filter(BarInterval::intraday)
      .map(BarInterval::id).toList();

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
