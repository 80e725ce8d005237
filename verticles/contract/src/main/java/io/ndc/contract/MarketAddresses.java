package io.ndc.contract;

/**
 * Publications of live market data (SPEC §4). A publisher sends each event to its symbol's address and to the
 * {@link #ALL_SYMBOLS} address of the same kind, which only nodes with a subscriber to every symbol listen to.
 */
public final class MarketAddresses {
  public static final String PREFIX = "ndc.market.";
  /** The symbol part of the addresses that carry every symbol's events. */
  public static final String ALL_SYMBOLS = "*";

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
