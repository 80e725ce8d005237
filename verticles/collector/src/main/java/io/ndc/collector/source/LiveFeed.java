package io.ndc.collector.source;

import io.vertx.core.Future;

/** A running live connection of one source. */
public interface LiveFeed {

  /** What a feed reports; called on the event loop of the verticle that opened it. */
  interface Listener {
    void trade(String symbol, double price, double size, long epochMillis);

    /** The feed's connection dropped; it is reconnecting. */
    default void disconnected(String reason) {
    }

    /** The feed is (re)connected and subscribed; {@code reconnect} is false on the first connect. */
    default void connected(boolean reconnect) {
    }
  }

  Future<Void> close();
}
