package io.ndc.node;

import io.ndc.contract.MarketAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark (not a test) of WebSocket fan-out. Modes:
 * <ul>
 *   <li>{@code bare PORT SYMBOLS RATE...}: the reference, a bare Vert.x broadcaster that generates trades itself and
 *       pushes the same frames to subscribers, nothing else (no auth, no bus, no backpressure);</li>
 *   <li>{@code run URL TOKEN CLIENTS PER_CLIENT SYMBOLS SECONDS MEMBERS PORT RATE...}: opens the clients, joins the
 *       NDC cluster as a member that publishes trades at each rate (URL is an NDC node), and reports;</li>
 *   <li>{@code runbare URL CLIENTS PER_CLIENT SYMBOLS SECONDS RATE...}: the same clients against the bare server,
 *       whose rate is switched through a control frame.</li>
 * </ul>
 * Latency is receive time minus the trade's {@code sent_ms} (same machine clock).
 */
public final class WsFanoutBench {
  private static final int BUCKETS = 10_000; // 0.1 ms buckets up to 1 s, then one overflow bucket

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS + 1);

  private WsFanoutBench() {
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "bare" -> bareServer(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "run" -> new WsFanoutBench().run(args, false);
      case "runbare" -> new WsFanoutBench().run(args, true);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static String symbol(int i) {
    return "SIM" + i;
  }

  static JsonObject trade(String symbol, long seq, Random random) {
    return new JsonObject().put("type", "trade").put("symbol", symbol).put("price", 100 + random.nextInt(10_000) / 100.0)
        .put("size", 1 + random.nextInt(500)).put("ts", java.time.Instant.now().toString()).put("seq", seq)
        .put("sent_ms", System.currentTimeMillis());
  }

  private void run(String[] a, boolean bare) throws Exception {
    int i = 1;
    String url = a[i++];
    String token = bare ? null : a[i++];
    int clients = Integer.parseInt(a[i++]);
    int perClient = Integer.parseInt(a[i++]);
    int symbols = Integer.parseInt(a[i++]);
    int seconds = Integer.parseInt(a[i++]);
    String members = bare ? null : a[i++];
    int port = bare ? 0 : Integer.parseInt(a[i++]);
    int[] rates = Arrays.stream(Arrays.copyOfRange(a, i, a.length)).mapToInt(Integer::parseInt).toArray();

    Vertx vertx = bare ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2))
        : Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(2)).withClusterManager(new HazelcastClusterManager(
            HazelcastSetup.build(new JsonObject().put("cluster", new JsonObject().put("members", members).put("port", port)))))
            .buildClustered().await();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
        .setMaxFrameSize(1 << 20));
    URLParts target = URLParts.of(url);
    Random random = new Random(7);
    List<io.vertx.core.http.WebSocket> sockets = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      JsonArray chosen = new JsonArray();
      while (chosen.size() < perClient) {
        String s = symbol(random.nextInt(symbols));
        if (!chosen.contains(s)) {
          chosen.add(s);
        }
      }
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
          .setURI(target.path() + (token == null ? "" : "?access_token=" + token));
      io.vertx.core.http.WebSocket ws = client.connect(options).await();
      ws.textMessageHandler(this::onFrame);
      ws.writeTextMessage(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("trades"))
          .put("symbols", chosen).encode());
      sockets.add(ws);
    }
    Thread.sleep(2000);
    System.out.printf("%s: %d clients x %d of %d symbols connected%n", bare ? "bare broadcaster" : "NDC", clients, perClient, symbols);
    for (int rate : rates) {
      long runFor = seconds * 1000L;
      long publisher = bare ? bareRate(sockets.get(0), rate) : publish(vertx, rate, symbols);
      Thread.sleep(1000);
      reset();
      long start = System.currentTimeMillis();
      Thread.sleep(runFor);
      long elapsed = System.currentTimeMillis() - start;
      long msgs = messages.get();
      long frameCount = frames.get();
      String lat = percentiles();
      if (bare) {
        bareRate(sockets.get(0), 0);
      } else {
        vertx.cancelTimer(publisher);
      }
      double expected = (double) rate * clients * perClient / symbols;
      System.out.printf("  input %,d trades/s -> expected %,.0f msg/s; delivered %,.0f msg/s (%.1f%%), %,.0f frames/s, latency %s%n",
          rate, expected, msgs * 1000.0 / elapsed, 100.0 * msgs * 1000.0 / elapsed / expected, frameCount * 1000.0 / elapsed, lat);
      Thread.sleep(2000);
    }
    System.exit(0);
  }

  private void reset() {
    messages.set(0);
    frames.set(0);
    for (int b = 0; b <= BUCKETS; b++) {
      histogram.set(b, 0);
    }
  }

  private void onFrame(String text) {
    frames.incrementAndGet();
    long now = System.currentTimeMillis();
    if (text.startsWith("{\"type\":\"batch\"")) {
      new JsonObject(text).getJsonArray("events").forEach(e -> record(now, ((JsonObject) e).getLong("sent_ms", now)));
    } else if (text.startsWith("{\"type\":\"trade\"")) {
      int at = text.indexOf("\"sent_ms\":");
      int end = at + 10;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      record(now, at < 0 ? now : Long.parseLong(text.substring(at + 10, end)));
    }
  }

  private void record(long now, long sent) {
    messages.incrementAndGet();
    int bucket = (int) Math.min(BUCKETS, Math.max(0, (now - sent) * 10));
    histogram.incrementAndGet(bucket);
  }

  private String percentiles() {
    long total = 0;
    for (int b = 0; b <= BUCKETS; b++) {
      total += histogram.get(b);
    }
    return String.format("p50 %s ms, p99 %s ms", at(total, 0.50), at(total, 0.99));
  }

  private String at(long total, double q) {
    long seen = 0;
    for (int b = 0; b <= BUCKETS; b++) {
      seen += histogram.get(b);
      if (total > 0 && seen >= q * total) {
        return b == BUCKETS ? ">1000" : String.format("%.1f", b / 10.0);
      }
    }
    return "-";
  }

  /** Publishes {@code rate} trades/s over the symbols on the clustered bus, in 1 ms ticks. */
  private static long publish(Vertx vertx, int rate, int symbols) {
    Random random = new Random(42);
    long[] seq = new long[symbols];
    long start = System.nanoTime();
    long[] sent = {0};
    return vertx.setPeriodic(1, id -> {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      while (sent[0] < due) {
        int s = random.nextInt(symbols);
        JsonObject trade = trade(symbol(s), ++seq[s], random);
        vertx.eventBus().publish(MarketAddresses.trade(symbol(s)), trade);
        sent[0]++;
      }
    });
  }

  private static long bareRate(io.vertx.core.http.WebSocket control, int rate) {
    control.writeTextMessage(new JsonObject().put("action", "rate").put("rate", rate).encode());
    return 0;
  }

  /** The reference: subscribers per symbol, trades generated in-process, the same frame text to each subscriber. */
  private static void bareServer(int port, int symbols) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Map<String, List<ServerWebSocket>> subscribers = new HashMap<>();
    long[] timer = {-1};
    HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("subscribe".equals(frame.getString("action"))) {
        frame.getJsonArray("symbols").forEach(s -> subscribers.computeIfAbsent((String) s, k -> new ArrayList<>()).add(ws));
      } else if ("rate".equals(frame.getString("action"))) {
        vertx.cancelTimer(timer[0]);
        int rate = frame.getInteger("rate");
        if (rate > 0) {
          Random random = new Random(42);
          long[] seq = new long[symbols];
          long start = System.nanoTime();
          long[] sent = {0};
          timer[0] = vertx.setPeriodic(1, id -> {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent[0] < due) {
              int s = random.nextInt(symbols);
              String text2 = trade(symbol(s), ++seq[s], random).encode();
              for (ServerWebSocket sub : subscribers.getOrDefault(symbol(s), List.of())) {
                sub.writeTextMessage(text2);
              }
              sent[0]++;
            }
          });
        }
      }
    }));
    server.listen(port).await();
    System.out.println("bare broadcaster on " + port);
  }

  /** host, port, path of a ws:// URL. */
  record URLParts(String host, int port, String path) {
    static URLParts of(String url) {
      java.net.URI uri = java.net.URI.create(url);
      return new URLParts(uri.getHost(), uri.getPort(), uri.getRawPath());
    }
  }
}
