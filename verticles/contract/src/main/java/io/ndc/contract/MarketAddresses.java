package io.ndc.contract;

/** Publications of live market data (SPEC §4). */
public final class MarketAddresses {
  public static final String PREFIX = "ndc.market.";

  private MarketAddresses() {
  }

  /** {@code ndc.market.trade.<SYMBOL>} */
  public static String trade(String symbol) {
    return PREFIX + "trade." + symbol;
  }

  /** {@code ndc.market.bar.<INTERVAL>.<SYMBOL>} */
  public static String bar(String interval, String symbol) {
    return PREFIX + "bar." + interval + "." + symbol;
  }
}
