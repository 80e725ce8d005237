package io.ndc.collector.testing;

import io.ndc.collector.CollectorService;
import io.ndc.collector.jobs.JobQueue;
import io.ndc.contract.Failure;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ThrowingRunnable;

/**
 * The collector service deployed on a fresh database and its own queue names, with {@link FakeStorage} observing
 * storage's addresses and a {@link FixtureServer} playing the vendors. Test code blocks on futures (never on an
 * event loop).
 */
public final class CollectorHarness implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final FakeStorage storage = new FakeStorage();
  public final FixtureServer vendor = new FixtureServer();
  public final List<JsonObject> jobEvents = new CopyOnWriteArrayList<>();
  public final JsonObject config;
  /** Where csv sources of this harness may read files ({@code collector.csv.dir}). */
  public final java.nio.file.Path csvDir;
  private final String database;

  public CollectorHarness(String prefix, JsonObject overrides) {
    database = TestConfig.uniqueDatabase(prefix);
    config = TestConfig.forDatabase(database);
    try {
      csvDir = java.nio.file.Files.createTempDirectory("ndc-csv");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    config.put("collector", new JsonObject()
        .put("queue_prefix", "test." + database)
        .put("csv", new JsonObject().put("dir", csvDir.toString()))
        .put("retry", new JsonObject().put("max_attempts", 3).put("first_delay_ms", 200).put("multiplier", 4).put("max_delay_ms", 5_000))
        .put("throttle", new JsonObject().put("wait_ms", 100).put("max_waits", 20))
        .put("http", new JsonObject().put("timeout_ms", 5_000))
        .put("live", new JsonObject().put("tick_ms", 200).put("reconcile_ms", 300).put("status_ms", 300).put("lease_ms", 900))
        .put("scheduler", new JsonObject().put("tick_ms", 200)));
    config.mergeIn(overrides, true);
    await(storage.register(vertx));
    await(vendor.start(vertx));
    await(vertx.eventBus().<JsonObject>consumer(CollectorAddresses.JOB_EVENTS, m -> jobEvents.add(m.body())).completion());
    await(vertx.deployVerticle(new CollectorService(), new DeploymentOptions().setConfig(config)));
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bus request as the gateway would send it; fails with the {@link Failure} the service replied. */
  public JsonObject request(String address, JsonObject body) {
    return await(vertx.eventBus().<JsonObject>request(address, body).map(m -> m.body()).recover(e -> Future.failedFuture(Failure.from(e))));
  }

  public Failure failure(String address, JsonObject body) {
    try {
      request(address, body);
    } catch (Failure f) {
      return f;
    }
    throw new AssertionError("expected " + address + " to fail for " + body);
  }

  /** Polls a job until it matches, or fails after the timeout with the job's last state. */
  public JsonObject awaitJob(String jobId, Predicate<JsonObject> done, Duration timeout) {
    return Waits.until(Waits.await("job " + jobId).atMost(timeout),
        () -> request(CollectorAddresses.JOBS_GET, new JsonObject().put("id", jobId)), done, JsonObject::encodePrettily);
  }

  public JsonObject awaitFinished(String jobId) {
    return awaitJob(jobId, j -> j.getString("status").equals("succeeded") || j.getString("status").equals("dead"), Duration.ofSeconds(30));
  }

  /** Awaitility's {@code untilAsserted}: retries the assertion until it holds, fails with its last error after the timeout. */
  public static void eventually(ThrowingRunnable assertion, Duration timeout) {
    Waits.await("an assertion to hold").atMost(timeout).untilAsserted(assertion);
  }

  public Pool pg() {
    return Postgres.pool(vertx, config, "collector");
  }

  public JobQueue queue() {
    return new JobQueue(vertx, config, JobQueue.retryPolicy(config));
  }

  @Override
  public void close() {
    JobQueue queue = queue();
    try {
      await(queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()));
    } finally {
      await(vendor.stop());
      await(vertx.close());
      TestConfig.dropDatabase(database);
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(csvDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
