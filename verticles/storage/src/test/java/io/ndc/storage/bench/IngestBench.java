package io.ndc.storage.bench;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.storage.StorageService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest benchmark (scripts/bench/ingest.sh): {@code symbols x days} daily bars sent through the bus ingest
 * address in batches, {@code inflight} batches at a time, twice (new rows, then the same rows unchanged); prints
 * rows/s and batch commit latencies, and writes the same rows as CSV for the script's {@code \copy} reference.
 * Arguments: database symbols days batch inflight csvPath.
 */
public final class IngestBench {
  private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 4);

  private IngestBench() {
  }

  public static void main(String[] args) throws Exception {
    String database = args[0];
    int symbols = Integer.parseInt(args[1]);
    int days = Integer.parseInt(args[2]);
    int batchSize = Integer.parseInt(args[3]);
    int inflight = Integer.parseInt(args[4]);
    Path csv = Path.of(args[5]);
    String pgServer = System.getenv().getOrDefault("NDC_BENCH_PG_SERVER", "postgresql://postgres@127.0.0.1:5432");
    JsonObject config = new JsonObject()
        .put("pg", new JsonObject().put("url", pgServer + "/" + database).put("pool_size", inflight))
        .put("redis", new JsonObject().put("url", System.getenv().getOrDefault("NDC_REDIS_URL", "redis://127.0.0.1:6379")))
        .put("redis_prefix", database + ":")
        .put("storage", new JsonObject().put("instances", 2).put("ingest", new JsonObject().put("max_rows", batchSize)));
    Vertx vertx = Vertx.vertx();
    try {
      await(vertx.deployVerticle(new StorageService(), new DeploymentOptions().setConfig(config)));
      int total = symbols * days;
      writeCsv(csv, symbols, days);
      Result first = run(vertx, symbols, days, batchSize, inflight);
      print("new", total, first);
      Result second = run(vertx, symbols, days, batchSize, inflight);
      print("unchanged", total, second);
      if (first.accepted != total || second.unchanged != total) {
        throw new IllegalStateException("expected " + total + " accepted then unchanged, got " + first.accepted
            + " and " + second.unchanged);
      }
    } finally {
      await(vertx.close());
    }
  }

  record Result(double seconds, long[] latenciesNanos, long accepted, long unchanged) {
  }

  private static void print(String phase, int rows, Result r) {
    long[] sorted = r.latenciesNanos().clone();
    Arrays.sort(sorted);
    System.out.printf("RESULT phase=%s rows=%d seconds=%.3f rows_per_s=%.0f batch_p50_ms=%.1f batch_p99_ms=%.1f"
            + " batch_max_ms=%.1f accepted=%d unchanged=%d%n", phase, rows, r.seconds(), rows / r.seconds(),
        percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6, r.accepted(), r.unchanged());
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Day-major order (each batch: every symbol for a few days), as a daily collection of many symbols writes. */
  private static JsonObject batch(int index, int symbols, int batchSize) {
    JsonArray rows = new JsonArray();
    for (int i = index * batchSize; i < (index + 1) * batchSize; i++) {
      rows.add(row(i / symbols, i % symbols));
    }
    return new JsonObject().put("source", "bench").put("interval", "daily").put("rows", rows);
  }

  private static JsonObject row(int day, int symbol) {
    double base = 50 + symbol % 200 + (day % 97) * 0.25;
    return new JsonObject().put("symbol", symbolName(symbol)).put("date", date(day)).put("open", base)
        .put("high", base + 1.5).put("low", base - 1.25).put("close", base + 0.5).put("volume", 1000 + day * 7 + symbol);
  }

  private static String symbolName(int symbol) {
    return "BENCH" + symbol;
  }

  private static String date(int day) {
    return FIRST_DAY.plusDays(day).toString();
  }

  private static Result run(Vertx vertx, int symbols, int days, int batchSize, int inflight) {
    int batches = symbols * days / batchSize;
    long[] latencies = new long[batches];
    AtomicInteger next = new AtomicInteger();
    long[] counts = new long[2];
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    Runnable[] sendNext = new Runnable[1];
    sendNext[0] = () -> {
      int index = next.getAndIncrement();
      if (index >= batches) {
        return;
      }
      JsonObject body = batch(index, symbols, batchSize);
      long sent = System.nanoTime();
      vertx.eventBus().<JsonObject>request(StorageAddresses.BARS_INGEST, body, new DeliveryOptions().setSendTimeout(120_000))
          .onComplete(reply -> {
            if (reply.failed()) {
              done.tryFail(reply.cause());
              return;
            }
            latencies[index] = System.nanoTime() - sent;
            counts[0] += reply.result().body().getInteger("accepted");
            counts[1] += reply.result().body().getInteger("unchanged");
            if (finished.incrementAndGet() == batches) {
              done.tryComplete();
            } else {
              sendNext[0].run();
            }
          });
    };
    // the sender runs on one event loop context so its counters need no locks
    vertx.runOnContext(v -> {
      for (int i = 0; i < inflight; i++) {
        sendNext[0].run();
      }
    });
    await(done.future());
    return new Result((System.nanoTime() - start) / 1e9, latencies, counts[0], counts[1]);
  }

  /** The same rows as the bars table stores them, for {@code \copy} into the reference table. */
  private static void writeCsv(Path csv, int symbols, int days) throws IOException {
    Files.createDirectories(csv.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      for (int i = 0; i < symbols * days; i++) {
        JsonObject r = row(i / symbols, i % symbols);
        out.write(r.getString("symbol") + ",daily," + r.getString("date") + "T00:00:00Z," + r.getDouble("open") + ","
            + r.getDouble("high") + "," + r.getDouble("low") + "," + r.getDouble("close") + "," + r.getValue("volume")
            + ",,bench,1,1,2026-01-01T00:00:00Z\n");
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
