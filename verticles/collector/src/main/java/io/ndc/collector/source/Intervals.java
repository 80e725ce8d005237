package io.ndc.collector.source;

import java.util.List;

/** Bar intervals of NDC (SPEC §5): intraday ones are keyed by instant ({@code ts}), longer ones by date. */
public final class Intervals {
  public static final List<String> ALL = List.of("1m", "5m", "15m", "1h", "daily", "weekly", "monthly");

  private Intervals() {
  }

  public static String require(String interval) {
    if (interval == null || !ALL.contains(interval)) {
      throw new IllegalArgumentException("unknown interval '" + interval + "'; expected one of " + String.join(", ", ALL));
    }
    return interval;
  }

  public static boolean intraday(String interval) {
    return interval.endsWith("m") && !interval.equals("monthly") || interval.equals("1h");
  }
}
