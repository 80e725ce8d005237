package io.ndc.gateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP bridge's public port. Vert.x's bridge buffers whatever length a frame declares before it looks at it, and
 * a frame of an unknown type throws inside it and leaves the connection without an answer; so clients connect here
 * (TLS ends here too), where each frame's 4-byte length is checked against {@code bridge.max_frame_bytes} before
 * anything is buffered (over it, the connection closes), and each frame is read as JSON of a known type before it
 * is passed on. A frame that is not is answered as the bridge answers errors, {@code {"type":"err","message"}}, and
 * dropped. Frames pass to the bridge listening on loopback with back-pressure both ways.
 */
final class TcpBridgeFront {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeFront.class);
  private static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");

  private final NetServer server;
  private final NetClient client;

  private TcpBridgeFront(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  static Future<TcpBridgeFront> listen(Vertx vertx, NetServerOptions options, String host, int port, int bridgePort,
      int maxFrameBytes) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer(options).connectHandler(outside -> {
      outside.pause();
      client.connect(bridgePort, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          outside.close();
          return;
        }
        join(outside, connected.result(), maxFrameBytes);
      });
    });
    return server.listen(port, host).map(s -> new TcpBridgeFront(server, client));
  }

  private static void join(NetSocket outside, NetSocket bridge, int maxFrameBytes) {
    bridge.pipeTo(outside);
    outside.closeHandler(v -> bridge.close());
    outside.exceptionHandler(e -> outside.close());
    RecordParser frames = RecordParser.newFixed(4);
    frames.handler(new io.vertx.core.Handler<>() {
      private boolean readingLength = true;

      @Override
      public void handle(Buffer chunk) {
        if (readingLength) {
          long declared = Integer.toUnsignedLong(chunk.getInt(0));
          if (declared > maxFrameBytes) {
            LOG.warn("TCP bridge client {} declared a frame of {} bytes (limit {}); connection closed",
                outside.remoteAddress(), declared, maxFrameBytes);
            outside.close();
            return;
          }
          if (declared == 0) {
            refuse(outside, "an empty frame is not a message");
            return;
          }
          readingLength = false;
          frames.fixedSizeMode((int) declared);
          return;
        }
        readingLength = true;
        frames.fixedSizeMode(4);
        String problem = problem(chunk);
        if (problem != null) {
          refuse(outside, problem);
          return;
        }
        bridge.write(Buffer.buffer(4 + chunk.length()).appendInt(chunk.length()).appendBuffer(chunk));
        if (bridge.writeQueueFull()) {
          outside.pause();
          bridge.drainHandler(v -> outside.resume());
        }
      }
    });
    outside.handler(frames);
    outside.resume();
  }

  /** Why the bridge could not take this frame, or null when it can. */
  private static String problem(Buffer body) {
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (RuntimeException e) {
      return "a frame must be a JSON object";
    }
    if (!(parsed instanceof JsonObject message)) {
      return "a frame must be a JSON object";
    }
    if (!(message.getValue("type") instanceof String type) || !TYPES.contains(type)) {
      return "a frame's type must be one of send, publish, register, unregister, ping";
    }
    if (!"ping".equals(type) && !(message.getValue("address") instanceof String)) {
      return "a " + type + " frame needs a string address";
    }
    return null;
  }

  private static void refuse(NetSocket outside, String message) {
    Buffer json = new JsonObject().put("type", "err").put("message", message).toBuffer();
    outside.write(Buffer.buffer(4 + json.length()).appendInt(json.length()).appendBuffer(json));
  }

  Future<Void> close() {
    return server.close().compose(v -> client.close());
  }
}
