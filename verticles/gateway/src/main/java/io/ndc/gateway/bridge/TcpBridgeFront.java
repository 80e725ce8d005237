package io.ndc.gateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * The TCP bridge's public port. Vert.x's bridge reads each frame's declared length and buffers that much before it
 * looks at anything, and offers no hook on its sockets before the first frame; so clients connect here, where
 * {@link BridgeFrameLimit} watches the length prefixes (TLS ends here too), and each connection is piped, with
 * back-pressure both ways, to the bridge listening on loopback. A connection closed by the limit costs the node
 * at most one read buffer.
 */
final class TcpBridgeFront {
  private final NetServer server;
  private final NetClient client;

  private TcpBridgeFront(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  static Future<TcpBridgeFront> listen(Vertx vertx, NetServerOptions options, String host, int port, int bridgePort,
      int maxFrameBytes) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer(options).connectHandler(socket -> {
      BridgeFrameLimit.install(socket, maxFrameBytes);
      socket.pause();
      client.connect(bridgePort, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          socket.close();
          return;
        }
        join(socket, connected.result());
      });
    });
    return server.listen(port, host).map(s -> new TcpBridgeFront(server, client));
  }

  private static void join(NetSocket outside, NetSocket bridge) {
    outside.pipeTo(bridge);
    bridge.pipeTo(outside);
  }

  Future<Void> close() {
    return server.close().compose(v -> client.close());
  }
}
