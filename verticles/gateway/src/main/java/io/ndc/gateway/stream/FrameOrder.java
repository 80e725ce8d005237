package io.ndc.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * SPEC §6: frames are handled in the order they arrive. A frame whose answer is asynchronous (auth verifies the
 * token over the bus, subscribe waits for its bus registrations) holds the frames behind it until it is answered,
 * so {@code auth} + {@code subscribe} + {@code ping} sent in one burst are answered authenticated, subscribed, pong.
 * Past {@value #MAX_WAITING_FRAMES} held frames the socket stops reading (TCP back-pressure on the client).
 */
final class FrameOrder {
  private static final int MAX_WAITING_FRAMES = 64;

  private final ServerWebSocket socket;
  /** Handles one frame; its future completes when the frame's answer has been queued. */
  private final Function<String, Future<Void>> handler;
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private boolean answering;
  private boolean readingPaused;
  private boolean closed;

  FrameOrder(ServerWebSocket socket, Function<String, Future<Void>> handler) {
    this.socket = socket;
    this.handler = handler;
  }

  /** A frame from the socket: handled now, or after the frames before it are answered. */
  void accept(String text) {
    if (answering) {
      waiting.add(text);
      if (waiting.size() >= MAX_WAITING_FRAMES && !readingPaused) {
        readingPaused = true;
        socket.pause();
      }
      return;
    }
    holdUntil(handler.apply(text));
  }

  /** Holds the following frames until {@code answered} completes (an answer begun outside a frame, e.g. the query token). */
  void holdUntil(Future<Void> answered) {
    if (answered.isComplete()) {
      return;
    }
    answering = true;
    answered.onComplete(done -> {
      answering = false;
      while (!answering && !waiting.isEmpty() && !closed) {
        holdUntil(handler.apply(waiting.poll()));
      }
      if (readingPaused && waiting.size() < MAX_WAITING_FRAMES / 2) {
        readingPaused = false;
        socket.resume();
      }
    });
  }

  void close() {
    closed = true;
    waiting.clear();
  }
}
