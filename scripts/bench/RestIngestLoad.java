import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * The REST ingest load of scripts/bench/rest-ingest.sh, as people load history: one symbol's file per request
 * (days daily bars), a few requests in flight. Phases: POST /prices:batch (JSON) of new symbols, the same again
 * (all unchanged), POST /prices:import (CSV) of other new symbols, the same again. Prints one RESULT line per phase
 * and writes the new JSON rows in the \copy column order for the shell's reference run.
 * Usage: java RestIngestLoad.java BASE_URL TOKEN SYMBOLS DAYS INFLIGHT COPY_CSV [WARMUP]
 */
public final class RestIngestLoad {
  private static final LocalDate FIRST = LocalDate.of(2018, 1, 1);

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    int symbols = Integer.parseInt(args[2]);
    int days = Integer.parseInt(args[3]);
    int inflight = Integer.parseInt(args[4]);
    Path copyCsv = Path.of(args[5]);
    int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 3;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    List<String> json = new ArrayList<>();
    List<String> csv = new ArrayList<>();
    StringBuilder copy = new StringBuilder();
    for (int s = 0; s < symbols; s++) {
      json.add(jsonBody(String.format(Locale.ROOT, "RJ%04d", s), days, s, copy));
      csv.add(csvBody(days, s));
    }
    Files.writeString(copyCsv, copy);

    // warm-up: the JIT of the node's ingest paths (JSON and CSV, new rows and again) on symbols outside the measured
    // ones, long enough for the compilers to settle: a phase lasts 1-3 s, and with the 3 requests of the first version
    // of this benchmark the C1/C2 compiler threads took about a quarter of the machine during the measured phases
    List<String> warmJson = new ArrayList<>();
    List<String> warmCsv = new ArrayList<>();
    for (int w = 0; w < warmup; w++) {
      warmJson.add(jsonBody(String.format(Locale.ROOT, "RW%04d", w), days, w, new StringBuilder()));
      warmCsv.add(csvBody(days, w));
    }
    IntFunction<String> warmCsvUrl = i -> base + "/api/v1/prices:import?symbol=" + String.format(Locale.ROOT, "RX%04d", i);
    for (int again = 0; again < 2 && warmup > 0; again++) {
      run(http, base + "/api/v1/prices:batch", token, "application/json", warmup, warmJson::get, inflight, "warmup", days);
      runCsv(http, warmCsvUrl, token, warmup, warmCsv, inflight, "warmup", days);
    }
    run(http, base + "/api/v1/prices:batch", token, "application/json", symbols, json::get, inflight, "batch_new", days);
    run(http, base + "/api/v1/prices:batch", token, "application/json", symbols, json::get, inflight, "batch_again", days);
    IntFunction<String> csvUrl = i -> base + "/api/v1/prices:import?symbol=" + String.format(Locale.ROOT, "RC%04d", i);
    runCsv(http, csvUrl, token, symbols, csv, inflight, "import_new", days);
    runCsv(http, csvUrl, token, symbols, csv, inflight, "import_again", days);
  }

  private static String jsonBody(String symbol, int days, int seed, StringBuilder copy) {
    StringBuilder b = new StringBuilder(days * 110).append("{\"source\":\"bench\",\"interval\":\"daily\",\"rows\":[");
    for (int d = 0; d < days; d++) {
      double close = price(seed, d);
      LocalDate date = FIRST.plusDays(d);
      if (d > 0) {
        b.append(',');
      }
      b.append("{\"symbol\":\"").append(symbol).append("\",\"date\":\"").append(date).append("\",\"open\":")
          .append(close - 0.5).append(",\"high\":").append(close + 1).append(",\"low\":").append(close - 1)
          .append(",\"close\":").append(close).append(",\"volume\":").append(100_000 + d).append('}');
      copy.append(symbol).append(",daily,").append(date).append(" 00:00:00+00,").append(close - 0.5).append(',')
          .append(close + 1).append(',').append(close - 1).append(',').append(close).append(',').append(100_000 + d)
          .append(",,bench,1,1,2026-01-01 00:00:00+00\n");
    }
    return b.append("]}").toString();
  }

  private static String csvBody(int days, int seed) {
    StringBuilder b = new StringBuilder(days * 60).append("Date,Open,High,Low,Close,Volume\n");
    for (int d = 0; d < days; d++) {
      double close = price(seed + 7, d);
      b.append(FIRST.plusDays(d)).append(',').append(close - 0.5).append(',').append(close + 1).append(',')
          .append(close - 1).append(',').append(close).append(',').append(100_000 + d).append('\n');
    }
    return b.toString();
  }

  private static double price(int seed, int day) {
    return Math.round((50 + seed % 50 + 10 * Math.sin(day / 20.0 + seed)) * 100) / 100.0;
  }

  private static void runCsv(HttpClient http, IntFunction<String> url, String token, int n, List<String> bodies,
      int inflight, String phase, int days) throws Exception {
    measure(http, url, token, "text/csv", n, bodies::get, inflight, phase, days);
  }

  private static void run(HttpClient http, String url, String token, String type, int n, IntFunction<String> body,
      int inflight, String phase, int days) throws Exception {
    measure(http, i -> url, token, type, n, body, inflight, phase, days);
  }

  private static void measure(HttpClient http, IntFunction<String> url, String token, String type, int n,
      IntFunction<String> body, int inflight, String phase, int days) throws Exception {
    Semaphore slots = new Semaphore(inflight);
    // bodies as bytes before the clock starts: the client's own encoding is not the node's cost
    List<byte[]> bytes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bytes.add(body.apply(i).getBytes(StandardCharsets.UTF_8));
    }
    long[] latencies = new long[n];
    List<CompletableFuture<?>> sent = new ArrayList<>();
    int[] failures = {0};
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      slots.acquire();
      int index = i;
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.apply(i))).header("Content-Type", type)
          .header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.get(i))).build();
      long sentAt = System.nanoTime();
      sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        latencies[index] = System.nanoTime() - sentAt;
        if (e != null || r.statusCode() != 200) {
          synchronized (failures) {
            if (failures[0]++ < 3) {
              System.err.println(phase + " request failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
            }
          }
        }
        slots.release();
      }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "RESULT phase=%s requests=%d rows=%d seconds=%.3f rows_per_s=%.0f request_p50_ms=%.1f request_p99_ms=%.1f failures=%d%n",
        phase, n, (long) n * days, seconds, n * (double) days / seconds, sorted[n / 2] / 1e6,
        sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, failures[0]);
  }
}
