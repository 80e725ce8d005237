package io.ndc.gateway.stream;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.Symbols;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code subscribe} or {@code unsubscribe} frame read and checked: its channels, its symbols as {@link Symbols}
 * spells them ({@code "*"} kept), and the indicator set when a channel carries indicators.
 */
record SubscriptionRequest(List<StreamChannel> channels, List<String> symbols, List<String> indicators) {

  static SubscriptionRequest parse(JsonObject frame, boolean subscribing) {
    List<StreamChannel> channels = channels(frame);
    List<String> symbols = symbols(frame, channels);
    List<String> indicators = subscribing && channels.stream().anyMatch(StreamChannel::indicators)
        ? strings(frame, "indicators") : null;
    return new SubscriptionRequest(channels, symbols, indicators);
  }

  boolean allSymbols() {
    return symbols.contains(MarketAddresses.ALL_SYMBOLS);
  }

  private static List<StreamChannel> channels(JsonObject frame) {
    List<StreamChannel> channels = new ArrayList<>();
    for (String name : strings(frame, "channels")) {
      channels.add(StreamChannel.of(name).orElseThrow(() -> new Failure(ErrorCode.VALIDATION_ERROR,
          "unknown channel '" + name + "' (" + StreamChannel.names() + ")")));
    }
    return channels;
  }

  /** The frame's symbols as {@link Symbols} normalizes them ({@code "*"} kept), for channels that take symbols. */
  static List<String> symbols(JsonObject frame, List<StreamChannel> channels) {
    boolean needed = channels.stream().anyMatch(StreamChannel::perSymbol);
    if (!needed && !frame.containsKey("symbols")) {
      return List.of();
    }
    List<String> symbols = new ArrayList<>();
    for (String text : strings(frame, "symbols")) {
      if (text.equals(MarketAddresses.ALL_SYMBOLS)) {
        symbols.add(text);
        continue;
      }
      try {
        String symbol = Symbols.normalize(text);
        if (symbol == null) {
          throw new IllegalArgumentException("blank");
        }
        symbols.add(symbol);
      } catch (IllegalArgumentException e) {
        throw new Failure(ErrorCode.VALIDATION_ERROR, "invalid symbol '" + text + "' (" + Symbols.RULE + ")");
      }
    }
    return symbols;
  }

  private static List<String> strings(JsonObject frame, String field) {
    Object value = frame.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "\"" + field + "\" must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s)) {
        throw new Failure(ErrorCode.VALIDATION_ERROR, "\"" + field + "\" must contain only strings");
      }
      out.add(s);
    }
    return out;
  }
}
