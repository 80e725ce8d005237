package io.ndc.collector.live;

import io.ndc.collector.source.Adapters;
import io.ndc.collector.source.LiveFeed;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceDefinition;
import io.ndc.collector.source.SourceStatus;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the live path on one node (run by {@code scripts/bench/live.sh}, not a test): the simulated feed at a
 * given rate over N symbols, trades published on the bus to one subscriber per symbol, 1m aggregation, and batched
 * writes answered by a stand-in on storage's ingest addresses (storage itself is another service). Prints sustained
 * trades/s, whether the write backlog grew, trade-to-subscriber and trade-to-storage-request lag, and process CPU.
 *
 * <p>Arguments: rate symbols seconds.
 */
public final class LiveBench {
  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int symbols = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    Vertx vertx = Vertx.vertx();
    AtomicLong delivered = new AtomicLong();
    LagRecorder busLag = new LagRecorder();
    LagRecorder storageLag = new LagRecorder();
    for (int i = 1; i <= symbols; i++) {
      vertx.eventBus().<JsonObject>consumer(MarketAddresses.trade("SIM" + i), m -> {
        delivered.incrementAndGet();
        busLag.add(System.currentTimeMillis() - Instant.parse(m.body().getString("ts")).toEpochMilli());
      });
    }
    AtomicLong stored = new AtomicLong();
    vertx.eventBus().<JsonObject>consumer(StorageAddresses.TRADES_INGEST, m -> {
      long now = System.currentTimeMillis();
      m.body().getJsonArray("trades").forEach(t -> storageLag.add(now - Instant.parse(((JsonObject) t).getString("ts")).toEpochMilli()));
      stored.addAndGet(m.body().getJsonArray("trades").size());
      m.reply(new JsonObject().put("accepted", m.body().getJsonArray("trades").size()));
    });
    vertx.eventBus().<JsonObject>consumer(StorageAddresses.BARS_INGEST, m -> m.reply(new JsonObject().put("accepted", m.body().getJsonArray("rows").size())));

    SourceDefinition definition = new SourceDefinition("bench", "simulated", null, null, 60,
        new JsonObject().put("prefix", "SIM").put("count", symbols).put("trades_per_second", rate).put("seed", 42));
    SourceAdapter adapter = new Adapters(vertx, new JsonObject()).adapter(definition);
    CompletableFuture<TradePipeline> pipelineRef = new CompletableFuture<>();
    CompletableFuture<LiveFeed> feedRef = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      TradePipeline pipeline = new TradePipeline(vertx, "bench", SourceStatus.of("bench"), 2_000, 1_000_000, 30_000,
          new TradePipeline.Listener() {
            @Override
            public void connected(boolean reconnect, long lastTradeMillis) {
            }

            @Override
            public void disconnected(String reason) {
            }
          });
      vertx.setPeriodic(1_000, id -> pipeline.tick(System.currentTimeMillis()));
      pipelineRef.complete(pipeline);
      feedRef.complete(adapter.openFeed(adapter.allSymbols(), pipeline));
    });
    TradePipeline pipeline = pipelineRef.get();
    feedRef.get();

    Thread.sleep(3_000); // warm-up
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    long d0 = delivered.get();
    long s0 = stored.get();
    int backlog0 = pipeline.buffered();
    busLag.reset();
    storageLag.reset();
    Thread.sleep(seconds * 1000L);
    long t1 = System.nanoTime();
    double wall = (t1 - t0) / 1e9;
    long d1 = delivered.get();
    long s1 = stored.get();
    int backlog1 = pipeline.buffered();
    double cpu = (cpuNanos() - cpu0) / 1e9 / wall;
    System.out.printf("rate=%d symbols=%d window=%.1fs delivered=%.0f/s stored=%.0f/s backlog %d -> %d "
            + "bus_lag_ms p50=%d p99=%d storage_lag_ms p50=%d p99=%d cpu=%.2f cores (of %d)%n",
        rate, symbols, wall, (d1 - d0) / wall, (s1 - s0) / wall, backlog0, backlog1, busLag.percentile(50), busLag.percentile(99),
        storageLag.percentile(50), storageLag.percentile(99), cpu, Runtime.getRuntime().availableProcessors());
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Lags in ms, sampled into a bounded reservoir (every value up to the bound, then a stride). */
  private static final class LagRecorder {
    private static final int MAX = 2_000_000;
    private final long[] values = new long[MAX];
    private int count;
    private long seen;

    synchronized void add(long lagMs) {
      seen++;
      if (count < MAX) {
        values[count++] = lagMs;
      }
    }

    synchronized void reset() {
      count = 0;
      seen = 0;
    }

    synchronized long percentile(int p) {
      if (count == 0) {
        return -1;
      }
      long[] sorted = Arrays.copyOf(values, count);
      Arrays.sort(sorted);
      return sorted[Math.min(count - 1, (int) Math.ceil(p / 100.0 * count) - 1)];
    }
  }

  private LiveBench() {
  }

}
