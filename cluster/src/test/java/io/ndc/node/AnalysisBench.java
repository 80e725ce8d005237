package io.ndc.node;

import io.ndc.contract.MarketAddresses;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test) of the analysis service through a node (scripts/bench/analysis.sh). Modes:
 * <ul>
 *   <li>{@code seed URL TOKEN SYMBOLS BARS LAST_DATE LIVE_SYMBOLS}: daily bars B0000.. (BARS each, weekdays up to
 *       LAST_DATE), ten years of daily bars of TENY, and an hour of 1m bars of L0000.. through {@code POST /prices:batch};</li>
 *   <li>{@code technical URL TOKEN REQUESTS}: {@code GET /analysis/technical/TENY} with 10 indicators over 10 years,
 *       sequentially, warm, against {@code GET /stocks/TENY/prices} of the same range (the same gateway and bus path
 *       serving the bars alone);</li>
 *   <li>{@code screen URL TOKEN SYMBOLS DATE JDBC_URL}: {@code POST /analysis/screen close > sma(close,200)} cold,
 *       then warm, against the best SQL on the same rows and server (a LATERAL top-200 per symbol on the primary key),
 *       with the match sets compared;</li>
 *   <li>{@code publish MEMBERS PORT SYMBOLS RATE SECONDS T0_MS}: a cluster member publishing 1m bar updates of
 *       L0000.. round robin at RATE/s from T0 on a fixed schedule;</li>
 *   <li>{@code live WS_URL TOKEN SYMBOLS CONNECTIONS CHANNEL RATE SECONDS T0_FILE}: WebSocket clients (JDK, this JVM)
 *       subscribed to CHANNEL ({@code indicators.1m} with 3 indicators, or {@code bars.1m} as the reference) for all
 *       symbols; writes T0 to T0_FILE once subscribed, then times each frame from the scheduled time of the update it
 *       answers (the k-th frame of a symbol answers its k-th update), so a publisher stall counts too.</li>
 * </ul>
 */
public final class AnalysisBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String INDICATORS = "sma:20,ema:50,rsi:14,macd:12:26:9,bollinger:20:2,atr:14,adx:14,stoch:14:3:3,cci:20,obv";
  static final List<String> LIVE_INDICATORS = List.of("sma:20", "rsi:14", "ema:50");

  private AnalysisBench() {
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), LocalDate.parse(args[5]),
          Integer.parseInt(args[6]));
      case "technical" -> technical(args[1], args[2], Integer.parseInt(args[3]));
      case "screen" -> screen(args[1], args[2], Integer.parseInt(args[3]), args[4], args[5]);
      case "publish" -> publish(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]), args[6]);
      case "live" -> live(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5],
          Integer.parseInt(args[6]), Integer.parseInt(args[7]), args[8]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static String daily(int i) {
    return String.format("B%04d", i);
  }

  static String live(int i) {
    return String.format("L%04d", i);
  }

  private static HttpResponse<String> send(String url, String token, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
    }
    return r;
  }

  private static JsonObject row(String symbol, String field, String time, double close, Random random) {
    double open = close * (1 + random.nextGaussian() * 0.005);
    double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.005);
    double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.005);
    return new JsonObject().put("symbol", symbol).put(field, time).put("open", round(open)).put("high", round(high))
        .put("low", round(low)).put("close", round(close)).put("volume", 1000 + random.nextInt(100_000));
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** Weekdays ending on {@code last}, oldest first. */
  private static List<LocalDate> weekdays(LocalDate last, int count) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = last; days.size() < count; d = d.minusDays(1)) {
      if (d.getDayOfWeek().getValue() < 6) {
        days.add(0, d);
      }
    }
    return days;
  }

  static void seed(String url, String token, int symbols, int bars, LocalDate last, int liveSymbols) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    List<LocalDate> days = weekdays(last, bars);
    int perBatch = Math.max(1, 5000 / bars);
    for (int first = 0; first < symbols; first += perBatch) {
      int from = first;
      done.add(pool.submit(() -> {
        JsonArray rows = new JsonArray();
        for (int s = from; s < Math.min(symbols, from + perBatch); s++) {
          Random random = new Random(s);
          double close = 20 + random.nextDouble() * 180;
          for (LocalDate d : days) {
            close *= 1 + random.nextGaussian() * 0.015 + 0.0002;
            rows.add(row(daily(s), "date", d.toString(), close, random));
          }
        }
        send(url, token, "POST", "/api/v1/prices:batch", new JsonObject().put("source", "bench").put("interval", "daily")
            .put("rows", rows).encode());
        return null;
      }));
    }
    done.add(pool.submit(() -> {
      Random random = new Random(10);
      JsonArray rows = new JsonArray();
      double close = 50;
      for (LocalDate d : weekdays(last, 2610)) {
        close *= 1 + random.nextGaussian() * 0.015 + 0.0003;
        rows.add(row("TENY", "date", d.toString(), close, random));
      }
      send(url, token, "POST", "/api/v1/prices:batch", new JsonObject().put("source", "bench").put("interval", "daily")
          .put("rows", rows).encode());
      return null;
    }));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int first = 0; first < liveSymbols; first += 100) {
      int from = first;
      done.add(pool.submit(() -> {
        JsonArray rows = new JsonArray();
        for (int s = from; s < Math.min(liveSymbols, from + 100); s++) {
          Random random = new Random(1_000_000 + s);
          double close = 20 + random.nextDouble() * 80;
          for (int m = 61; m >= 2; m--) {
            close *= 1 + random.nextGaussian() * 0.001;
            rows.add(row(live(s), "ts", now.minus(m, ChronoUnit.MINUTES).toString(), close, random));
          }
        }
        send(url, token, "POST", "/api/v1/prices:batch", new JsonObject().put("source", "bench").put("interval", "1m")
            .put("rows", rows).encode());
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("seeded %,d symbols x %d daily bars, TENY 2,610 daily bars, %,d symbols x 60 1m bars in %.1f s%n",
        symbols, bars, liveSymbols, (System.nanoTime() - t0) / 1e9);
  }

  private static double[] timed(int count, Callable call) throws Exception {
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  @FunctionalInterface
  interface Callable {
    void run() throws Exception;
  }

  private static double pct(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  static void technical(String url, String token, int requests) throws Exception {
    String start = LocalDate.now().minusYears(10).toString();
    String technical = "/api/v1/analysis/technical/TENY?start_date=" + start + "&indicators=" + INDICATORS;
    String prices = "/api/v1/stocks/TENY/prices?interval=daily&start_date=" + start;
    JsonObject answer = new JsonObject(send(url, token, "GET", technical, null).body()).getJsonObject("data");
    int dates = answer.getJsonArray("dates").size();
    long cold = System.nanoTime();
    send(url, token, "GET", technical.replace("obv", "obv,mom:10"), null);
    double coldMs = (System.nanoTime() - cold) / 1e6;
    timed(Math.max(200, requests / 4), () -> send(url, token, "GET", technical, null));
    timed(Math.max(200, requests / 4), () -> send(url, token, "GET", prices, null));
    double[] ours = timed(requests, () -> send(url, token, "GET", technical, null));
    double[] ref = timed(requests, () -> send(url, token, "GET", prices, null));
    System.out.printf("technical: GET /analysis/technical/TENY, %d indicators over %,d daily bars (10 years), %d sequential "
        + "requests warm: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 20 ms: %s); one computed afresh (11 "
        + "indicators, answer not cached): %.1f ms%n", INDICATORS.split(",").length, dates, requests, pct(ours, 0.5),
        pct(ours, 0.99), ours[ours.length - 1], pct(ours, 0.99) < 20 ? "met" : "NOT met", coldMs);
    System.out.printf("  reference GET /stocks/TENY/prices, same range, same path: p50 %.2f ms, p99 %.2f ms%n", pct(ref, 0.5),
        pct(ref, 0.99));
  }

  static void screen(String url, String token, int symbols, String date, String jdbc) throws Exception {
    JsonArray list = new JsonArray();
    for (int s = 0; s < symbols; s++) {
      list.add(daily(s));
    }
    String body = new JsonObject().put("expression", "close > sma(close, 200)").put("symbols", list).put("date", date)
        .put("limit", 10_000).encode();
    long c = System.nanoTime();
    JsonObject cold = new JsonObject(send(url, token, "POST", "/api/v1/analysis/screen", body).body()).getJsonObject("data");
    double coldMs = (System.nanoTime() - c) / 1e6;
    JsonObject[] warm = new JsonObject[1];
    timed(3, () -> warm[0] = new JsonObject(send(url, token, "POST", "/api/v1/analysis/screen", body).body()));
    double[] warmMs = timed(10, () -> warm[0] = new JsonObject(send(url, token, "POST", "/api/v1/analysis/screen", body).body()));
    TreeSet<String> ours = new TreeSet<>();
    warm[0].getJsonObject("data").getJsonArray("matches").forEach(m -> ours.add(((JsonObject) m).getString("symbol")));
    String sql = "SELECT s.symbol FROM unnest(?::text[]) AS s(symbol) CROSS JOIN LATERAL (\n"
        + "  SELECT (array_agg(close ORDER BY ts DESC))[1] AS last, avg(close) AS sma, count(*) AS n FROM (\n"
        + "    SELECT ts, close FROM market.bars WHERE symbol = s.symbol AND interval = 'daily' AND ts <= ?::timestamptz\n"
        + "    ORDER BY ts DESC LIMIT 200) t) x\n"
        + "WHERE x.n = 200 AND x.last > x.sma";
    TreeSet<String> reference = new TreeSet<>();
    double[] sqlMs;
    try (Connection pg = DriverManager.getConnection(jdbc)) {
      var statement = pg.prepareStatement(sql);
      statement.setArray(1, pg.createArrayOf("text", list.getList().toArray()));
      statement.setString(2, date + "T00:00:00Z");
      timed(3, () -> statement.executeQuery().close());
      sqlMs = timed(10, () -> {
        reference.clear();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            reference.add(rs.getString(1));
          }
        }
      });
    }
    double ratio = warmMs[0] / sqlMs[0];
    System.out.printf("screen: close > sma(close,200) over %,d symbols x their daily bars on %s through REST: cold %.0f ms "
        + "(elapsed_ms %d in the answer), warm best %.1f ms, median %.1f ms; evaluated %d, %d matches%n", symbols, date,
        coldMs, cold.getLong("elapsed_ms"), warmMs[0], pct(warmMs, 0.5), warm[0].getJsonObject("data").getInteger("evaluated"),
        ours.size());
    System.out.printf("  reference SQL (LATERAL top-200 per symbol on the primary key, JDBC, same server): best %.1f ms, "
        + "median %.1f ms; warm/SQL %.2f (target <= 0.25: %s); match sets %s (SQL %d)%n", sqlMs[0], pct(sqlMs, 0.5), ratio,
        ratio <= 0.25 ? "met" : "NOT met", ours.equals(reference) ? "identical" : "DIFFERENT", reference.size());
  }

  static void publish(String members, int port, int symbols, int rate, int seconds, String t0File) throws Exception {
    Vertx vertx = Vertx.builder().with(new VertxOptions()).withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(
        new JsonObject().put("cluster", new JsonObject().put("members", members).put("port", port))))).buildClustered().await();
    double[] close = new double[symbols];
    Random random = new Random(7);
    for (int s = 0; s < symbols; s++) {
      close[s] = 20 + random.nextDouble() * 80;
    }
    System.out.println("publisher joined");
    java.nio.file.Path file = java.nio.file.Path.of(t0File);
    // the clients write the file once they are subscribed and have fixed the schedule's start
    Waits.await("the clients' schedule start in " + file).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
        .until(() -> java.nio.file.Files.exists(file) && !java.nio.file.Files.readString(file).isBlank());
    long t0 = Long.parseLong(java.nio.file.Files.readString(file).trim());
    // a warm-up round, one update per symbol, before the schedule: the first publication to an address looks its
    // subscribers up in the cluster; the clients do not time these
    for (int s = 0; s < symbols; s++) {
      double c = round(close[s]);
      vertx.eventBus().publish(MarketAddresses.bar("1m", live(s)), new JsonObject().put("type", "bar").put("interval", "1m")
          .put("symbol", live(s)).put("ts", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString()).put("open", c)
          .put("high", round(c * 1.001)).put("low", round(c * 0.999)).put("close", c).put("volume", 100 + s).put("final", false));
    }
    long total = (long) rate * seconds;
    long[] next = {0};
    CountDownLatch finished = new CountDownLatch(1);
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (System.currentTimeMillis() - t0) * rate / 1000);
      for (; next[0] < due; next[0]++) {
        int s = (int) (next[0] % symbols);
        close[s] *= 1 + random.nextGaussian() * 0.0005;
        long at = t0 + next[0] * 1000 / rate;
        Instant minute = Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.MINUTES);
        double c = round(close[s]);
        vertx.eventBus().publish(MarketAddresses.bar("1m", live(s)), new JsonObject().put("type", "bar").put("interval", "1m")
            .put("symbol", live(s)).put("ts", minute.toString()).put("open", c).put("high", round(c * 1.001))
            .put("low", round(c * 0.999)).put("close", c).put("volume", 100 + s).put("final", false));
      }
      if (next[0] >= total) {
        vertx.cancelTimer(id);
        finished.countDown();
      }
    });
    finished.await();
    System.out.println("published " + total);
    vertx.close().await();
  }

  static void live(String wsUrl, String token, int symbols, int connections, String channel, int rate, int seconds,
      String t0File) throws Exception {
    int per = (symbols + connections - 1) / connections;
    AtomicIntegerArray counts = new AtomicIntegerArray(symbols);
    long expected = (long) rate * seconds;
    long[] latencies = new long[(int) expected + 1000];
    AtomicLong received = new AtomicLong();
    CountDownLatch allReceived = new CountDownLatch(1);
    long[] t0 = {Long.MAX_VALUE};
    List<WebSocket> sockets = new ArrayList<>();
    List<LinkedBlockingQueue<String>> controls = new ArrayList<>();
    boolean indicators = channel.startsWith("indicators.");
    for (int c = 0; c < connections; c++) {
      LinkedBlockingQueue<String> control = new LinkedBlockingQueue<>();
      controls.add(control);
      WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
        final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
          text.append(data);
          if (last) {
            String frame = text.toString();
            text.setLength(0);
            long now = System.currentTimeMillis();
            if (frame.contains("\"type\":\"" + (indicators ? "indicator" : "bar") + "\"")) {
              int at = frame.indexOf("\"symbol\":\"L") + 11;
              int s = Integer.parseInt(frame.substring(at, at + 4));
              long k = counts.getAndIncrement(s) - 1;
              if (k >= 0) {
                // the k-th update of symbol s after its warm-up one was scheduled at t0 + (k·symbols + s)/rate
                long scheduled = t0[0] + (k * symbols + s) * 1000 / rate;
                long n = received.getAndIncrement();
                if (n + 1 == expected) {
                  allReceived.countDown();
                }
                if (n < latencies.length) {
                  latencies[(int) n] = now - scheduled;
                }
              }
            } else {
              control.add(frame);
            }
          }
          socket.request(1);
          return null;
        }
      }).get(10, TimeUnit.SECONDS);
      sockets.add(ws);
      ws.sendText(new JsonObject().put("action", "auth").put("token", token).encode(), true).get();
      await(control, "authenticated");
      for (int from = c * per; from < Math.min(symbols, (c + 1) * per); from += 100) {
        JsonArray list = new JsonArray();
        for (int s = from; s < Math.min(Math.min(symbols, (c + 1) * per), from + 100); s++) {
          list.add(live(s));
        }
        JsonObject subscribe = new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add(channel))
            .put("symbols", list);
        if (indicators) {
          subscribe.put("indicators", new JsonArray(LIVE_INDICATORS));
        }
        ws.sendText(subscribe.encode(), true).get();
        await(control, "subscribed");
      }
    }
    t0[0] = System.currentTimeMillis() + 3000;
    java.nio.file.Path tmp = java.nio.file.Path.of(t0File + ".tmp");
    java.nio.file.Files.writeString(tmp, Long.toString(t0[0]));
    java.nio.file.Files.move(tmp, java.nio.file.Path.of(t0File));
    long deadline = t0[0] + seconds * 1000L + 10_000;
    // the window ends with the last expected frame, or at the deadline with what arrived (reported as a shortfall)
    allReceived.await(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    int n = (int) Math.min(received.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf("live %s: %,d symbols on %d connections%s, %,d bar updates/s for %d s: %,d of %,d frames; "
        + "update to frame p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%s%n", channel, symbols, connections,
        indicators ? " with " + String.join(",", LIVE_INDICATORS) : "", rate, seconds, received.get(), expected,
        sorted[n / 2], sorted[(int) (n * 0.99)], sorted[(int) (n * 0.999)], sorted[n - 1],
        indicators ? " (target p99 < 20 ms: " + (sorted[(int) (n * 0.99)] < 20 ? "met" : "NOT met") + ")" : "");
    for (WebSocket ws : sockets) {
      ws.abort();
    }
  }

  private static void await(LinkedBlockingQueue<String> control, String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      String frame = control.poll(1, TimeUnit.SECONDS);
      if (frame == null) {
        continue;
      }
      if (frame.contains("\"type\":\"" + type + "\"")) {
        return;
      }
      if (frame.contains("\"type\":\"error\"")) {
        throw new IllegalStateException(frame);
      }
    }
    throw new IllegalStateException("no " + type + " frame");
  }
}
