package io.ndc.platform.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay in front of a real server (Redis, RabbitMQ, PostgreSQL), so a test can take that server "down" for
 * the code under test (close every relayed connection and refuse new ones) and bring it back, without stopping the
 * shared server other tests use.
 */
public final class TcpProxy {
  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final List<NetSocket> open = new ArrayList<>();
  private NetClient client;
  private NetServer server;
  private int port;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Listens on a random port the first time, on the same port after {@link #down()}. */
  public Future<Integer> up() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::relay);
    return server.listen(port, "127.0.0.1").map(s -> port = s.actualPort());
  }

  /** Closes the listener and every relayed connection: the target looks dead to whoever used the proxy. */
  public Future<Void> down() {
    synchronized (open) {
      open.forEach(NetSocket::close);
      open.clear();
    }
    return server.close().compose(v -> client.close());
  }

  public int port() {
    return port;
  }

  private void relay(NetSocket inbound) {
    inbound.pause();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = ar.result();
      synchronized (open) {
        open.add(inbound);
        open.add(outbound);
      }
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.resume();
    });
  }
}
