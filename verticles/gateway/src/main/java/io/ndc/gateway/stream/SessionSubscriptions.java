package io.ndc.gateway.stream;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one session listens to: one (channel, symbol, bus address) per subscription, in the order they were made,
 * each registered with the {@link SubscriptionHub}; at most {@code max} of them.
 */
final class SessionSubscriptions {
  record Subscription(StreamChannel channel, String symbol, String address) {
  }

  private final Set<Subscription> held = new LinkedHashSet<>();
  private final SubscriptionHub hub;
  private final StreamSubscriber subscriber;
  private final int max;

  SessionSubscriptions(SubscriptionHub hub, StreamSubscriber subscriber, int max) {
    this.hub = hub;
    this.subscriber = subscriber;
    this.max = max;
  }

  /**
   * Adds what the request asks for and is not held yet; completes when the bus registrations are visible
   * cluster-wide (so no event is missed after the acknowledgement), and fails with nothing of the request kept
   * when one is refused (a live indicator set the analysis service cannot serve).
   */
  Future<Void> add(SubscriptionRequest request, String userId) {
    List<Subscription> added = new ArrayList<>();
    for (StreamChannel channel : request.channels()) {
      for (String symbol : channel.perSymbol() ? request.symbols() : List.of(userId)) {
        Subscription s = new Subscription(channel, channel.perSymbol() ? symbol : null,
            channel.address(symbol, request.indicators()));
        if (!held.contains(s) && !added.contains(s)) {
          added.add(s);
        }
      }
    }
    if (held.size() + added.size() > max) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "subscription limit is " + max
          + " channel-symbol pairs per connection (" + held.size() + " held, " + added.size() + " asked)");
    }
    List<Future<Void>> registered = new ArrayList<>();
    for (Subscription s : added) {
      held.add(s);
      registered.add(hub.add(subscriber, s.address(), s.channel(), s.symbol()));
    }
    return Future.all(registered).<Void>mapEmpty().onFailure(e -> added.forEach(s -> {
      held.remove(s);
      hub.remove(subscriber, s.address());
    }));
  }

  void remove(SubscriptionRequest request) {
    held.removeIf(s -> {
      boolean match = request.channels().contains(s.channel())
          && (!s.channel().perSymbol() || request.symbols().contains(s.symbol()));
      if (match) {
        hub.remove(subscriber, s.address());
      }
      return match;
    });
  }

  /** The full current set as a frame of {@code type}, whatever the request changed (clients never track deltas). */
  String state(String type) {
    Set<String> channels = new TreeSet<>();
    Set<String> symbols = new TreeSet<>();
    for (Subscription s : held) {
      channels.add(s.channel().wireName());
      if (s.symbol() != null) {
        symbols.add(s.symbol());
      }
    }
    return new JsonObject().put("type", type).put("channels", new JsonArray(List.copyOf(channels)))
        .put("symbols", new JsonArray(List.copyOf(symbols))).encode();
  }

  void clear() {
    held.forEach(s -> hub.remove(subscriber, s.address()));
    held.clear();
  }
}
