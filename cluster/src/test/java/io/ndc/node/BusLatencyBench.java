package io.ndc.node;

import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): joins the cluster as a gateway-like member and sends request-reply messages at a fixed
 * rate to {@code ndc.storage.node.info} on another JVM. Requests due in each 1 ms timer tick are sent at that tick
 * and timed from it, so a stall of the sender still counts (as with wrk2) but the timer's own millisecond
 * granularity does not. Usage: BusLatencyBench MEMBERS PORT RATE... SECONDS
 */
public final class BusLatencyBench {
  private BusLatencyBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("echo")) {
      echo(args[1], Integer.parseInt(args[2]));
      return;
    }
    String members = args[0];
    int port = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[args.length - 1]);
    JsonObject config = new JsonObject().put("cluster", new JsonObject()
        .put("members", members).put("port", port).put("host", "127.0.0.1"));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
    Vertx vertx = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(config)))
        .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String address = SystemAddresses.nodeInfo(ServiceName.STORAGE);
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(5000);
    // warm-up: JIT and connections
    run(vertx, address, delivery, 2000, 5);
    for (int i = 2; i < args.length - 1; i++) {
      int rate = Integer.parseInt(args[i]);
      long[] latencies = run(vertx, address, delivery, rate, seconds);
      Arrays.sort(latencies);
      System.out.printf("bus request-reply rate=%d/s n=%d p50=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms%n",
          rate, latencies.length, pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9), latencies[latencies.length - 1] / 1e6);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The reference: a bare clustered Vert.x member answering the same address with an empty object. */
  private static void echo(String members, int port) {
    JsonObject config = new JsonObject().put("cluster", new JsonObject().put("members", members).put("port", port).put("host", "127.0.0.1"));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
    Vertx vertx = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(config)))
        .buildClustered().await();
    vertx.eventBus().<JsonObject>consumer(SystemAddresses.nodeInfo(ServiceName.STORAGE), m -> m.reply(new JsonObject()))
        .completion().await();
    System.out.println("echo member ready");
  }

  private static double pct(long[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** Sends {@code rate} requests per second for {@code seconds}, paced by a 1 ms timer in batches. */
  private static long[] run(Vertx vertx, String address, DeliveryOptions delivery, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    long intervalNs = 1_000_000_000L / rate;
    AtomicInteger next = new AtomicInteger();
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (next.get() < total && start + next.get() * intervalNs <= now) {
        int i = next.getAndIncrement();
        long due = start + i * intervalNs;
        // due within this tick: timed from the tick; due before it (the sender stalled): timed from when it was due
        long scheduled = due < now - 1_000_000 ? due : now;
        vertx.eventBus().request(address, new JsonObject(), delivery).onComplete(ar -> {
          latencies[i] = System.nanoTime() - scheduled;
          if (ar.failed()) {
            failures.incrementAndGet();
          }
          done.countDown();
        });
      }
      if (next.get() >= total) {
        vertx.cancelTimer(timer);
      }
    });
    done.await(seconds + 30L, TimeUnit.SECONDS);
    if (failures.get() > 0) {
      System.out.println("  failures: " + failures.get());
    }
    return latencies;
  }
}
