package io.ndc.gateway.stream;

import io.ndc.contract.MarketAddresses;
import io.ndc.contract.NotifyAddresses;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.IndicatorInterest;
import io.ndc.gateway.http.Permissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The channels of {@code /ws/v1/stream}, each with the permission it needs and the bus address it listens to.
 * Subscribing to symbol {@code "*"} additionally needs {@link Permissions#STREAM_ALL}.
 */
public enum StreamChannel {
  TRADES("trades", Permissions.STREAM_READ, true),
  BARS_1M("bars.1m", Permissions.STREAM_READ, true),
  /**
   * Live indicators at each bar interval (SPEC §6 {@code indicators.<interval>}): the subscribe frame's
   * {@code "indicators"} name the set, computed by analysis from the bar publications of the interval's base.
   */
  INDICATORS_1M("indicators.1m", Permissions.STREAM_READ, true),
  INDICATORS_5M("indicators.5m", Permissions.STREAM_READ, true),
  INDICATORS_15M("indicators.15m", Permissions.STREAM_READ, true),
  INDICATORS_1H("indicators.1h", Permissions.STREAM_READ, true),
  INDICATORS_DAILY("indicators.daily", Permissions.STREAM_READ, true),
  INDICATORS_WEEKLY("indicators.weekly", Permissions.STREAM_READ, true),
  INDICATORS_MONTHLY("indicators.monthly", Permissions.STREAM_READ, true),
  /** The caller's own alerts; takes no symbols. */
  ALERTS("alerts", Permissions.NOTIFICATIONS_OWN, false);

  private final String wireName;
  private final String permission;
  private final boolean perSymbol;

  StreamChannel(String wireName, String permission, boolean perSymbol) {
    this.wireName = wireName;
    this.permission = permission;
    this.perSymbol = perSymbol;
  }

  public String wireName() {
    return wireName;
  }

  public String permission() {
    return permission;
  }

  public boolean perSymbol() {
    return perSymbol;
  }

  /** The bus address carrying this channel for a symbol (or for a user, for alerts). */
  public String address(String symbolOrUser) {
    return switch (this) {
      case TRADES -> MarketAddresses.trade(symbolOrUser);
      case BARS_1M -> MarketAddresses.bar("1m", symbolOrUser);
      case ALERTS -> NotifyAddresses.alert(symbolOrUser);
      default -> throw new IllegalStateException("an indicator channel's address names its indicators");
    };
  }

  /** The address of a channel for a symbol; for indicator channels, of the (canonical) indicator set. */
  public String address(String symbol, List<String> indicators) {
    return indicators() ? AnalysisAddresses.indicator(interval(), symbol, IndicatorInterest.canonical(indicators))
        : address(symbol);
  }

  /** Whether the channel carries live indicators (and needs an {@code "indicators"} list). */
  public boolean indicators() {
    return wireName.startsWith("indicators.");
  }

  private String interval() {
    return wireName.substring(wireName.indexOf('.') + 1);
  }

  /** Trades of one symbol may be conflated to the newest when a client falls behind; bars and alerts never. */
  public boolean conflatable() {
    return this == TRADES;
  }

  /** The wire names, as an unknown-channel error lists them. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(StreamChannel::wireName).toList());
  }

  public static Optional<StreamChannel> of(String wireName) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
  }
}
