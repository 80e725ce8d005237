package io.ndc.collector.cluster;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.CollectorService;
import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.schedule.SchedulerVerticle;
import io.ndc.collector.testing.CollectorHarness;
import io.ndc.collector.testing.FakeStorage;
import io.ndc.collector.testing.FixtureServer;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.ndc.collector.testing.LocalCluster;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes in one JVM sharing database and queues: when the node running the scheduler and a live feed
 * dies abruptly (its Hazelcast member is terminated), the other node takes both over. The two-JVM version with
 * {@code kill -9} belongs to the cluster module.
 */
class FailoverTest {
  /** Three reconciliations ({@code reconcile_ms} 300): long enough for node-b to have taken a feed it should not. */
  private static final Duration NO_TAKEOVER = Duration.ofSeconds(1);
  private final String database = TestConfig.uniqueDatabase("collector_failover");
  private final List<Vertx> nodes = new CopyOnWriteArrayList<>();

  private JsonObject config(String node) {
    JsonObject config = TestConfig.forDatabase(database);
    config.getJsonObject("node").put("id", node);
    config.put("collector", new JsonObject().put("queue_prefix", "test." + database)
        .put("live", new JsonObject().put("tick_ms", 200).put("reconcile_ms", 300))
        .put("scheduler", new JsonObject().put("tick_ms", 200)));
    return config;
  }

  private record Node(Vertx vertx, HazelcastClusterManager manager) {
  }

  private Node start(String name, int port) {
    HazelcastClusterManager manager = new HazelcastClusterManager(LocalCluster.hazelcast(database, port, List.of(5843, 5844)));
    Vertx vertx = await(Vertx.builder().withClusterManager(manager).buildClustered());
    nodes.add(vertx);
    await(new FakeStorage().register(vertx));
    await(vertx.deployVerticle(new CollectorService(), new DeploymentOptions().setConfig(config(name))));
    return new Node(vertx, manager);
  }

  @AfterEach
  void stop() {
    JobQueue queue = null;
    Vertx survivor = nodes.get(nodes.size() - 1);
    try {
      queue = new JobQueue(survivor, config("cleanup"), JobQueue.retryPolicy(new JsonObject()));
      JobQueue q = queue;
      await(q.start().compose(v -> q.deleteQueues()).compose(v -> q.stop()));
    } finally {
      for (Vertx vertx : nodes) {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
            .exceptionally(e -> null).join();
      }
      TestConfig.dropDatabase(database);
    }
  }

  @Test
  void theSurvivorTakesOverTheLiveFeedAndTheScheduler() throws Exception {
    Node a = start("node-a", 5843);
    request(a.vertx(), CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "sim").put("type", "simulated")
        .put("symbols", new JsonArray().add("FAIL1")).put("trades_per_second", 50));
    String live = request(a.vertx(), CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "sim").put("live", true)
        .put("symbols", new JsonArray().add("FAIL1"))).getString("id");
    CollectorHarness.eventually(() -> assertThat(owners(a.vertx(), live)).containsExactly("node-a"), Duration.ofSeconds(10));
    // node-a's scheduler holds the scheduler lock: a try for it that would get a free lock in time times out
    CollectorHarness.eventually(() -> assertThat(a.vertx().sharedData().getLockWithTimeout(SchedulerVerticle.LOCK, 500)
        .onSuccess(Lock::release).otherwiseEmpty().toCompletionStage().toCompletableFuture().get())
        .as("the scheduler lock is free").isNull(), Duration.ofSeconds(10));

    Node b = start("node-b", 5844);
    FixtureServer vendor = await(new FixtureServer().on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/aapl-daily.json")).start(b.vertx()));
    List<JsonObject> trades = new CopyOnWriteArrayList<>();
    await(b.vertx().eventBus().<JsonObject>consumer(MarketAddresses.trade("FAIL1"), m -> trades.add(m.body())).completion());
    CollectorHarness.eventually(() -> assertThat(trades).isNotEmpty(), Duration.ofSeconds(10));
    // no event says node-b left the feed alone: it must not take it over during three of its reconciliations
    Waits.await("node-b leaves node-a's feed alone").atMost(NO_TAKEOVER.multipliedBy(2)).during(NO_TAKEOVER)
        .until(() -> owners(b.vertx(), live).equals(List.of("node-a")));

    // node-a dies: its Hazelcast member is gone without a goodbye (locks are not released by it), then its process
    // stops (closing the Vert.x instance stands in for the end of the process: nothing of node-a runs on)
    a.manager().getHazelcastInstance().getLifecycleService().terminate();
    a.vertx().close();

    CollectorHarness.eventually(() -> assertThat(owners(b.vertx(), live)).containsExactly("node-a", "node-b"), Duration.ofSeconds(30));
    int before = trades.size();
    CollectorHarness.eventually(() -> assertThat(trades.size()).isGreaterThan(before + 10), Duration.ofSeconds(10));
    List<Long> seqs = trades.stream().map(t -> t.getLong("seq")).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();

    // the survivor now fires schedules
    request(b.vertx(), CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "yahoo").put("type", "yahoo").put("base_url", vendor.baseUrl()));
    String collector = request(b.vertx(), CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "yahoo")
        .put("symbols", new JsonArray().add("AAPL")).put("start_date", "2024-01-01").put("end_date", "2024-01-05")).getString("id");
    JsonObject schedule = request(b.vertx(), CollectorAddresses.SCHEDULES_CREATE, new JsonObject().put("collector_id", collector).put("cron", "0 0 1 1 *"));
    await(Postgres.pool(b.vertx(), config("node-b"), "collector")
        .preparedQuery("UPDATE schedules SET next_fire_at = now() - interval '1 second' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(schedule.getString("id")))));
    CollectorHarness.eventually(() -> assertThat(request(b.vertx(), CollectorAddresses.JOBS_LIST, new JsonObject().put("collector_id", collector))
        .getJsonArray("items")).singleElement().satisfies(j -> assertThat(((JsonObject) j).getString("status")).as(j.toString()).isEqualTo("succeeded")),
        Duration.ofSeconds(30));
  }

  private static JsonObject request(Vertx vertx, String address, JsonObject body) {
    return await(vertx.eventBus().<JsonObject>request(address, body).map(m -> m.body()));
  }

  private List<String> owners(Vertx vertx, String collectorId) {
    return await(Postgres.pool(vertx, config("reader"), "collector")
        .preparedQuery("SELECT node FROM feed_events WHERE collector_id = $1 AND kind = 'owned' ORDER BY id")
        .execute(Tuple.of(UUID.fromString(collectorId))))
        .stream().map(r -> r.getString(0)).toList();
  }
}
