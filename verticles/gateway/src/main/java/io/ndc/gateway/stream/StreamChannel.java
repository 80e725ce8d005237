package io.ndc.gateway.stream;

import io.ndc.contract.MarketAddresses;
import io.ndc.contract.NotifyAddresses;
import io.ndc.gateway.http.Permissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * The channels of {@code /ws/v1/stream}, each with the permission it needs and the bus address it listens to.
 * Subscribing to symbol {@code "*"} additionally needs {@link Permissions#STREAM_ALL}.
 */
public enum StreamChannel {
  TRADES("trades", Permissions.STREAM_READ, true),
  BARS_1M("bars.1m", Permissions.STREAM_READ, true),
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
    };
  }

  /** Trades of one symbol may be conflated to the newest when a client falls behind; bars and alerts never. */
  public boolean conflatable() {
    return this == TRADES;
  }

  public static Optional<StreamChannel> of(String wireName) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
  }
}
