package io.ndc.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Yahoo chart API on a local port for node JVMs: every symbol is answered with the recorded AAPL payload of the
 * collector's fixtures (the parser names rows after the requested symbol). A symbol can be made to hang on its first
 * request until {@link #release()}, so a job is in flight on a known connection.
 */
final class VendorServer implements AutoCloseable {
  private static final Path FIXTURE = Path.of("..", "verticles", "collector", "src", "test", "resources", "fixtures", "yahoo", "aapl-daily.json");

  /** A request as the vendor saw it: the symbol, its query, the client's port (to tell which JVM sent it) and when. */
  record Seen(String symbol, Map<String, String> query, int clientPort, long atMillis) {
  }

  private final HttpServer server;
  private final String payload;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
  private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();

  VendorServer() throws IOException {
    payload = Files.readString(FIXTURE);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "vendor");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/v8/finance/chart/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next request for {@code symbol} waits until {@link #release()}. */
  void hangFirst(String symbol) {
    hanging.put(symbol, new CountDownLatch(1));
  }

  /** Every request for {@code symbol} is answered with HTTP {@code status}. */
  void failAlways(String symbol, int status) {
    failing.put(symbol, status);
  }

  /** Answers the hanging requests. */
  void release() {
    held.forEach(CountDownLatch::countDown);
  }

  List<Seen> seen(String symbol) {
    return seen.stream().filter(s -> s.symbol().equals(symbol)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String symbol = exchange.getRequestURI().getPath().substring("/v8/finance/chart/".length());
    CountDownLatch gate = hanging.remove(symbol);
    if (gate != null) {
      held.add(gate);
    }
    // seen only now, so a test that saw the request can release it
    seen.add(new Seen(symbol, query(exchange.getRequestURI()), exchange.getRemoteAddress().getPort(), System.currentTimeMillis()));
    if (gate != null) {
      try {
        gate.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status = failing.getOrDefault(symbol, 200);
    byte[] body = (status == 200 ? payload : "Internal Server Error").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "text/plain");
    try {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException closedByAKilledClient) {
      // the node that asked is gone
    } finally {
      exchange.close();
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return query;
  }

  /**
   * Which of {@code candidates} (process ids) owns the local TCP port {@code clientPort} of a connection to this
   * server, read from /proc: the socket's inode in /proc/net/tcp*, then the process holding it among its fds.
   */
  long processOwning(int clientPort, List<Long> candidates) throws IOException {
    String inode = null;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[1].endsWith(":" + String.format("%04X", clientPort)) && f[2].endsWith(":" + String.format("%04X", port()))) {
          inode = f[9];
        }
      }
    }
    if (inode == null) {
      throw new IllegalStateException("no connection from port " + clientPort);
    }
    String socket = "socket:[" + inode + "]";
    for (long pid : candidates) {
      List<Path> fds = new ArrayList<>();
      try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        list.forEach(fds::add);
      }
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(socket)) {
            return pid;
          }
        } catch (IOException | UncheckedIOException gone) {
          // the fd closed while listing
        }
      }
    }
    throw new IllegalStateException("no candidate process holds " + socket);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
