package io.ndc.gateway.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Joins a client's text frames into messages under a byte bound of our own, instead of Vert.x's aggregation, so a
 * message over the bound is refused while it arrives: the connection is closed with 1009 (RFC 6455 "message too
 * big") and nothing past the bound is kept. The bound is small before authentication (an {@code auth} frame is a
 * token, so an unauthenticated connection costs at most that much memory) and larger after it. Binary messages are
 * not part of the protocol; they are reported once, when complete, and not kept.
 */
final class MessageAssembly {
  static final short TOO_BIG = 1009;

  interface Sink {
    void text(String message);

    void binary();

    void tooBig(int bound);
  }

  private final IntSupplier bound;
  private final Sink sink;
  private Buffer pending;
  private boolean binary;
  private boolean refused;

  /** @param bound the largest message in bytes, read per message (it grows once the connection is authenticated) */
  MessageAssembly(IntSupplier bound, Sink sink) {
    this.bound = bound;
    this.sink = sink;
  }

  void frame(WebSocketFrame frame) {
    if (refused || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    if (!frame.isContinuation()) {
      binary = frame.isBinary();
      pending = Buffer.buffer();
    } else if (pending == null) {
      return;
    }
    if (!binary) {
      int limit = bound.getAsInt();
      if (pending.length() + frame.binaryData().length() > limit) {
        refused = true;
        pending = null;
        sink.tooBig(limit);
        return;
      }
      pending.appendBuffer(frame.binaryData());
    }
    if (frame.isFinal()) {
      Buffer message = pending;
      pending = null;
      if (binary) {
        sink.binary();
      } else {
        sink.text(message.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
