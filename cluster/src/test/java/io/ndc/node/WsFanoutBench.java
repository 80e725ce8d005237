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
 *   <li>{@code publisher MEMBERS PORT SYMBOLS}: a cluster member of its own (so the clients' JVM cannot slow it) that
 *       publishes trades on the bus at the rate it is told on {@code bench.publisher.rate};</li>
 *   <li>{@code run URL TOKEN CLIENTS PER_CLIENT SYMBOLS SECONDS MEMBERS PORT RATE...}: opens the clients against an
 *       NDC node, joins the cluster only to set the publisher's rate, and reports;</li>
 *   <li>{@code runbare URL CLIENTS PER_CLIENT SYMBOLS SECONDS RATE...}: the same clients against the bare server,
 *       whose rate is switched through a control frame.</li>
 *   <li>{@code live URL TOKEN|- CLIENTS PER_CLIENT PREFIX SYMBOLS SECONDS RATE}: the same clients on symbols
 *       PREFIX1..PREFIX{SYMBOLS} of a feed that runs on its own at RATE trades/s (a live {@code simulated} collector,
 *       or scripts/bench/ws-bare/broadcaster.js); each {@code measure LABEL} line on standard input measures one
 *       window of SECONDS and prints it, {@code quit} ends (scripts/bench/ws-fanout-live.sh).</li>
 * </ul>
 * Latency is receive time minus the trade's {@code sent_ms}, or, for trades without it (a live feed's), minus its
 * {@code ts}, the instant it was generated (same machine clock).
 */
public final class WsFanoutBench {
  private static final int BUCKETS = 10_000; // 0.1 ms buckets up to 1 s, then one overflow bucket

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS + 1);
  /** The last second of a live window: a backlog growing over the window shows as a later tail than the window's. */
  private final AtomicLongArray lastSecond = new AtomicLongArray(BUCKETS + 1);
  private volatile boolean inLastSecond;
  /** The current second of a live window, for the per-second p99s it prints. */
  private final AtomicLongArray thisSecond = new AtomicLongArray(BUCKETS + 1);
  private final AtomicLong closed = new AtomicLong();
  /** The epoch milli of the day a trade's {@code ts} starts with (the date part, cached: it rarely changes). */
  private volatile String tsDay = "";
  private volatile long tsDayMillis;

  private WsFanoutBench() {
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "bare" -> bareServer(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "publisher" -> publisher(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "run" -> new WsFanoutBench().run(args, false);
      case "runbare" -> new WsFanoutBench().run(args, true);
      case "live" -> new WsFanoutBench().live(args);
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
    List<io.vertx.core.http.WebSocket> sockets = connect(vertx, url, token, clients, perClient, "SIM", 0, symbols);
    Thread.sleep(2000);
    System.out.printf("%s: %d clients x %d of %d symbols connected%n", bare ? "bare broadcaster" : "NDC", clients, perClient, symbols);
    // warm-up (JIT, connection buffers) at the first rate, not measured
    setRate(vertx, sockets.get(0), bare, rates[0]);
    Thread.sleep(5000);
    setRate(vertx, sockets.get(0), bare, 0);
    Thread.sleep(1000);
    for (int rate : rates) {
      long runFor = seconds * 1000L;
      setRate(vertx, sockets.get(0), bare, rate);
      Thread.sleep(1000);
      reset();
      long start = System.currentTimeMillis();
      Thread.sleep(runFor);
      long elapsed = System.currentTimeMillis() - start;
      long msgs = messages.get();
      long frameCount = frames.get();
      String lat = percentiles();
      setRate(vertx, sockets.get(0), bare, 0);
      double expected = (double) rate * clients * perClient / symbols;
      System.out.printf("  input %,d trades/s -> expected %,.0f msg/s; delivered %,.0f msg/s (%.1f%%), %,.0f frames/s, latency %s%n",
          rate, expected, msgs * 1000.0 / elapsed, 100.0 * msgs * 1000.0 / elapsed / expected, frameCount * 1000.0 / elapsed, lat);
      Thread.sleep(2000);
    }
    System.exit(0);
  }

  /** Opens the clients, each subscribed to the trades of {@code perClient} distinct symbols prefix(first..first+symbols-1). */
  private List<io.vertx.core.http.WebSocket> connect(Vertx vertx, String url, String token, int clients, int perClient,
      String prefix, int first, int symbols) {
    // kept in a field by the caller's sockets: an unreferenced client is closed by Vert.x 5
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
        .setMaxFrameSize(1 << 20));
    URLParts target = URLParts.of(url);
    Random random = new Random(7);
    List<io.vertx.core.http.WebSocket> sockets = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      JsonArray chosen = new JsonArray();
      while (chosen.size() < perClient) {
        String s = prefix + (first + random.nextInt(symbols));
        if (!chosen.contains(s)) {
          chosen.add(s);
        }
      }
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
          .setURI(target.path() + (token == null ? "" : "?access_token=" + token));
      io.vertx.core.http.WebSocket ws = client.connect(options).await();
      ws.textMessageHandler(this::onFrame);
      ws.closeHandler(v -> closed.incrementAndGet());
      ws.writeTextMessage(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("trades"))
          .put("symbols", chosen).encode());
      sockets.add(ws);
    }
    return sockets;
  }

  /** Clients on a feed that runs on its own; windows measured on command from standard input. */
  private void live(String[] a) throws Exception {
    String url = a[1];
    String token = "-".equals(a[2]) ? null : a[2];
    int clients = Integer.parseInt(a[3]);
    int perClient = Integer.parseInt(a[4]);
    String prefix = a[5];
    int symbols = Integer.parseInt(a[6]);
    int seconds = Integer.parseInt(a[7]);
    int rate = Integer.parseInt(a[8]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<io.vertx.core.http.WebSocket> sockets = connect(vertx, url, token, clients, perClient, prefix, 1, symbols);
    System.out.printf("clients connected: %d x %d of %d symbols%n", sockets.size(), perClient, symbols);
    double expected = (double) rate * clients * perClient / symbols;
    java.io.BufferedReader commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    for (String line; (line = commands.readLine()) != null && !line.equals("quit"); ) {
      if (!line.startsWith("measure ")) {
        continue;
      }
      long closedBefore = closed.get();
      reset();
      long start = System.currentTimeMillis();
      StringBuilder perSecond = new StringBuilder();
      for (int second = 0; second < seconds; second++) {
        inLastSecond = second == seconds - 1;
        // the clock of a measuring window (one p99 per second), not a wait for a condition
        Thread.sleep(start + (second + 1) * 1000L - System.currentTimeMillis());
        perSecond.append(second == 0 ? "" : " ").append(at(thisSecond, 0.99));
        for (int b = 0; b <= BUCKETS; b++) {
          thisSecond.set(b, 0);
        }
      }
      inLastSecond = false;
      long elapsed = System.currentTimeMillis() - start;
      long msgs = messages.get();
      System.out.printf("window %s: delivered %,.0f msg/s (%.1f%% of %,.0f), %,.0f frames/s, latency %s, last second %s,"
              + " max %s ms, closed %d%n", line.substring(8), msgs * 1000.0 / elapsed, 100.0 * msgs * 1000.0 / elapsed / expected,
          expected, frames.get() * 1000.0 / elapsed, percentiles(histogram), percentiles(lastSecond), at(histogram, 1.0),
          closed.get() - closedBefore);
      System.out.println("    p99 of each second (ms) from " + java.time.Instant.ofEpochMilli(start).toString().substring(11, 19)
          + " UTC: " + perSecond);
    }
    System.exit(0);
  }

  private void reset() {
    messages.set(0);
    frames.set(0);
    for (int b = 0; b <= BUCKETS; b++) {
      histogram.set(b, 0);
      lastSecond.set(b, 0);
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
      record(now, at < 0 ? tsMillis(text, now) : Long.parseLong(text.substring(at + 10, end)));
    }
  }

  /** The epoch milli of a trade frame's {@code "ts":"2026-12-04T03:05:43.123Z"} (or without millis); now if absent. */
  private long tsMillis(String text, long now) {
    int at = text.indexOf("\"ts\":\"");
    if (at < 0) {
      return now;
    }
    int from = at + 6;
    int end = text.indexOf('"', from);
    if (end - from < 20 || text.charAt(from + 10) != 'T') {
      return now;
    }
    String day = text.substring(from, from + 10);
    if (!day.equals(tsDay)) {
      tsDayMillis = java.time.LocalDate.parse(day).toEpochDay() * 86_400_000L;
      tsDay = day;
    }
    long millis = tsDayMillis + digits(text, from + 11) * 3_600_000L + digits(text, from + 14) * 60_000L
        + digits(text, from + 17) * 1000L;
    if (text.charAt(from + 19) == '.') {
      int n = from + 20;
      long fraction = 0;
      int places = 0;
      for (; n < end - 1 && places < 3; n++, places++) {
        fraction = fraction * 10 + (text.charAt(n) - '0');
      }
      for (; places < 3; places++) {
        fraction *= 10;
      }
      millis += fraction;
    }
    return millis;
  }

  private static int digits(String text, int at) {
    return (text.charAt(at) - '0') * 10 + (text.charAt(at + 1) - '0');
  }

  private void record(long now, long sent) {
    messages.incrementAndGet();
    int bucket = (int) Math.min(BUCKETS, Math.max(0, (now - sent) * 10));
    histogram.incrementAndGet(bucket);
    if (inLastSecond) {
      lastSecond.incrementAndGet(bucket);
    }
    thisSecond.incrementAndGet(bucket);
  }

  private String percentiles() {
    return percentiles(histogram);
  }

  private static String percentiles(AtomicLongArray histogram) {
    return String.format("p50 %s ms, p99 %s ms", at(histogram, 0.50), at(histogram, 0.99));
  }

  private static String at(AtomicLongArray histogram, double q) {
    long total = 0;
    for (int b = 0; b <= BUCKETS; b++) {
      total += histogram.get(b);
    }
    long seen = 0;
    for (int b = 0; b <= BUCKETS; b++) {
      seen += histogram.get(b);
      if (total > 0 && seen >= q * total) {
        return b == BUCKETS ? ">1000" : String.format("%.1f", b / 10.0);
      }
    }
    return "-";
  }

  private static void setRate(Vertx vertx, io.vertx.core.http.WebSocket control, boolean bare, int rate) {
    JsonObject command = new JsonObject().put("action", "rate").put("rate", rate);
    if (bare) {
      control.writeTextMessage(command.encode());
    } else {
      vertx.eventBus().request(PUBLISHER_RATE, command).await();
    }
  }

  private static final String PUBLISHER_RATE = "bench.publisher.rate";

  /** A cluster member publishing trades on the bus at the rate it is told. */
  private static void publisher(String members, int port, int symbols) {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withClusterManager(new HazelcastClusterManager(
        HazelcastSetup.build(new JsonObject().put("cluster", new JsonObject().put("members", members).put("port", port)))))
        .buildClustered().await();
    TradeGenerator generator = new TradeGenerator(vertx, symbols,
        (symbol, trade) -> vertx.eventBus().publish(MarketAddresses.trade(symbol), trade));
    vertx.eventBus().<JsonObject>consumer(PUBLISHER_RATE, m -> {
      generator.rate(m.body().getInteger("rate"));
      m.reply(new JsonObject());
    }).completion().await();
    System.out.println("publisher ready");
  }

  /** Trades at a set rate over SIM0..SIM(n-1), paced by a 1 ms timer; rate 0 stops it. */
  private static final class TradeGenerator {
    private final Vertx vertx;
    private final int symbols;
    private final java.util.function.BiConsumer<String, JsonObject> sink;
    private final Random random = new Random(42);
    private final long[] seq;
    private long timer = -1;

    TradeGenerator(Vertx vertx, int symbols, java.util.function.BiConsumer<String, JsonObject> sink) {
      this.vertx = vertx;
      this.symbols = symbols;
      this.sink = sink;
      this.seq = new long[symbols];
    }

    void rate(int rate) {
      vertx.cancelTimer(timer);
      if (rate <= 0) {
        return;
      }
      long start = System.nanoTime();
      long[] sent = {0};
      timer = vertx.setPeriodic(1, id -> {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        while (sent[0] < due) {
          int s = random.nextInt(symbols);
          sink.accept(symbol(s), trade(symbol(s), ++seq[s], random));
          sent[0]++;
        }
      });
    }
  }

  /** The reference: subscribers per symbol, trades generated in-process, the same frame text to each subscriber. */
  private static void bareServer(int port, int symbols) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Map<String, List<ServerWebSocket>> subscribers = new HashMap<>();
    TradeGenerator generator = new TradeGenerator(vertx, symbols, (symbol, trade) -> {
      String text = trade.encode();
      for (ServerWebSocket sub : subscribers.getOrDefault(symbol, List.of())) {
        sub.writeTextMessage(text);
      }
    });
    HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("subscribe".equals(frame.getString("action"))) {
        frame.getJsonArray("symbols").forEach(s -> subscribers.computeIfAbsent((String) s, k -> new ArrayList<>()).add(ws));
      } else if ("rate".equals(frame.getString("action"))) {
        generator.rate(frame.getInteger("rate"));
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
