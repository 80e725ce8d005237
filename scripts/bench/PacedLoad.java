import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Constant-arrival-rate load (wrk2 style): requests are scheduled at a fixed rate whatever the server does, and
 * each latency is measured from the request's scheduled time, so a stall shows up in the percentiles instead of
 * silently lowering the rate (no coordinated omission).
 * Usage: java -cp ndc.jar PacedLoad.java URL TOKEN RATE SECONDS CONNECTIONS
 */
public class PacedLoad {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String token = args[1];
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
        .setURI(uri.getRawPath()).putHeader("Authorization", "Bearer " + token);
    // warm-up at the same rate (JIT of this client, its connections), not measured
    measure(vertx, client, request, rate, 5);
    long begin = System.nanoTime();
    long[] latencies = measure(vertx, client, request, rate, seconds);
    double elapsed = (System.nanoTime() - begin) / 1e9;
    int total = latencies.length;
    Arrays.sort(latencies);
    System.out.printf("paced: target %d req/s, achieved %.0f req/s over %.1f s, errors %d%n", rate, total / elapsed, elapsed, ERRORS.get());
    System.out.printf("paced latency ms: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
        pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99), pct(latencies, 0.999), latencies[total - 1] / 1e6);
    vertx.close().await();
  }

  private static final AtomicLong ERRORS = new AtomicLong();

  /** Sends {@code rate} requests/s for {@code seconds}; latencies from each request's scheduled time. */
  private static long[] measure(Vertx vertx, HttpClient client, RequestOptions request, int rate, int seconds)
      throws InterruptedException {
    ERRORS.set(0);
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    long start = System.nanoTime();
    long intervalNanos = 1_000_000_000L / rate;
    AtomicInteger sent = new AtomicInteger();
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
      while (sent.get() < due) {
        int index = sent.getAndIncrement();
        long scheduled = start + index * intervalNanos;
        client.request(request)
            .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
            .onComplete(ar -> {
              if (ar.failed() || ar.result() != 200) {
                ERRORS.incrementAndGet();
              }
              latencies[index] = System.nanoTime() - scheduled;
              if (done.incrementAndGet() == total) {
                finished.countDown();
              }
            });
      }
      if (sent.get() >= total) {
        vertx.cancelTimer(id);
      }
    });
    finished.await();
    return latencies;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
