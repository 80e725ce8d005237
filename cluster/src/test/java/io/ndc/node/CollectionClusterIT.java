package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.clients.Postgres;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Collection across JVMs started as users start them, with the real storage service: node G runs gateway, auth and
 * storage (it is never killed), the workers W* run the collector. A local vendor serves the recorded Yahoo payload.
 * The tests run in order on the same cluster, which changes between them: W1 alone, then W1 and W2 until W1 is
 * killed, then W2 and W3 until one of them is killed, then the survivor and W4 until the survivor stops on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectionClusterIT {
  private static final String DB = TestConfig.uniqueDatabase("collect_e2e");
  private static final String MEMBERS = "127.0.0.1:5831,127.0.0.1:5832,127.0.0.1:5833,127.0.0.1:5834,127.0.0.1:5835";
  private static final String ADMIN_PASSWORD = "collect-e2e-admin-pw";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final List<NodeProcess> NODES = new ArrayList<>();
  private static NodeProcess gateway;
  private static NodeProcess w1;
  private static NodeProcess w2;
  private static VendorServer vendor;
  private static Vertx vertx;
  private static Pool pg;
  private static String token;
  private static NodeProcess survivor;

  private static Map<String, String> env(String nodeId) {
    Map<String, String> env = new HashMap<>();
    env.put("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB);
    env.put("NDC__node__id", nodeId);
    env.put("NDC_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("NDC_SECRET_KEY", "collection e2e secret key " + DB);
    env.put("NDC__cluster__name", DB);
    env.put("NDC__collector__queue_prefix", "test." + DB);
    return env;
  }

  private static NodeProcess start(String nodeId, int clusterPort, String services, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--cluster", "--cluster-port", Integer.toString(clusterPort),
        "--cluster-members", MEMBERS, "--services", services));
    args.addAll(List.of(more));
    NodeProcess node = NodeProcess.start("collect-" + nodeId, env(nodeId), args.toArray(String[]::new));
    NODES.add(node);
    return node;
  }

  private static NodeProcess worker(String nodeId, int clusterPort) throws Exception {
    return start(nodeId, clusterPort, "collector");
  }

  @BeforeAll
  static void startCluster() throws Exception {
    vendor = new VendorServer();
    gateway = start("g", 5831, "gateway,auth,storage", "--http-port", "0");
    w1 = worker("w1", 5832);
    gateway.awaitReady(120_000);
    w1.awaitReady(120_000);
    vertx = Vertx.vertx();
    pg = Postgres.pool(vertx, TestConfig.forDatabase(DB), "market");
    token = login();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      for (NodeProcess node : NODES) {
        node.close();
      }
      if (vendor != null) {
        vendor.close();
      }
      if (pg != null) {
        pg.close().await();
      }
      if (vertx != null) {
        vertx.close().await();
      }
    } finally {
      TestConfig.dropDatabase(DB);
      deleteQueues();
    }
  }

  @Test
  @Order(1)
  void aJobStoresBarsARerunFindsThemUnchangedAndFetchesOnlyFromTheLastStoredDate() throws Exception {
    assertThat(rest("POST", "/api/v1/sources", new JsonObject().put("id", "yahoo").put("type", "yahoo")
        .put("base_url", vendor.baseUrl())).statusCode()).isEqualTo(201);
    String collector = historyCollector("AAPL");

    JsonObject first = runToEnd(collector);
    assertThat(first.getString("status")).as(first.encode()).isEqualTo("succeeded");
    assertThat(rows(first).getLong("accepted")).as("the recorded payload has three complete days").isEqualTo(3);
    assertThat(scalar("SELECT count(*) FROM bars WHERE symbol = 'AAPL' AND interval = 'daily'")).isEqualTo(3);
    JsonArray prices = data(rest("GET", "/api/v1/stocks/AAPL/prices?start_date=2024-01-01&end_date=2024-01-31", null)).getJsonArray("prices");
    assertThat(prices).as("prices through the gateway").hasSize(3);
    long versions = scalar("SELECT count(*) FROM bar_versions WHERE symbol = 'AAPL'");

    JsonObject rerun = runToEnd(collector);
    assertThat(rerun.getString("status")).as(rerun.encode()).isEqualTo("succeeded");
    assertThat(rows(rerun).getLong("accepted")).isZero();
    assertThat(rows(rerun).getLong("revised")).isZero();
    assertThat(rows(rerun).getLong("unchanged")).isPositive();
    assertThat(scalar("SELECT count(*) FROM bars WHERE symbol = 'AAPL' AND interval = 'daily'")).isEqualTo(3);
    assertThat(scalar("SELECT count(*) FROM bar_versions WHERE symbol = 'AAPL'")).isEqualTo(versions);

    List<VendorServer.Seen> requests = vendor.seen("AAPL");
    assertThat(requests).hasSize(2);
    long firstDay = LocalDate.parse("2024-01-01").minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long lastStoredDay = LocalDate.parse("2024-01-04").minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    assertThat(requests.get(0).query().get("period1")).isEqualTo(Long.toString(firstDay));
    assertThat(requests.get(1).query().get("period1")).as("the rerun starts at the last stored date").isEqualTo(Long.toString(lastStoredDay));
  }

  @Test
  @Order(2)
  void whenTheNodeWithTheSchedulerAndALiveFeedIsKilledBothResumeOnTheSurvivor() throws Exception {
    assertThat(rest("POST", "/api/v1/sources", new JsonObject().put("id", "sim").put("type", "simulated")
        .put("symbols", new JsonArray().add("FOVR")).put("trades_per_second", 20)).statusCode()).isEqualTo(201);
    String live = data(rest("POST", "/api/v1/collectors", new JsonObject().put("source", "sim").put("live", true)
        .put("symbols", new JsonArray().add("FOVR")))).getString("id");
    String scheduled = historyCollector("SCHED");
    JsonObject schedule = data(rest("POST", "/api/v1/schedules", new JsonObject().put("collector_id", scheduled).put("cron", "0 0 1 1 *")));
    awaitTrue(() -> owners(live).equals(List.of("w1")), 30_000, "the feed runs on w1, the only worker");

    w2 = worker("w2", 5833);
    w2.awaitReady(120_000);
    try (ProbeProcess client = ProbeProcess.connect("ws://127.0.0.1:" + gateway.httpPort() + "/ws/v1/stream?access_token=" + token)) {
      client.frame(10_000, "\"type\":\"authenticated\"");
      client.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"FOVR\"]}");
      client.frame(10_000, "\"type\":\"subscribed\"");
      List<Long> before = seqs(client.frames(10, "\"type\":\"trade\"", 20_000));
      assertThat(owners(live)).containsExactly("w1");

      w1.kill9();
      long killedAt = System.currentTimeMillis();
      execute("UPDATE collector.schedules SET next_fire_at = now() WHERE id = $1", UUID.fromString(schedule.getString("id")));
      client.drainPending();
      long feedMs = client.frames(1, "\"type\":\"trade\"", 60_000).get(0).atMs() - killedAt;
      awaitTrue(() -> jobsOf(scheduled) > 0, 60_000, "the schedule fires on the survivor");
      long scheduleMs = scalar("SELECT (extract(epoch FROM min(created_at)) * 1000)::bigint FROM collector.jobs WHERE collector_id = '"
          + scheduled + "'") - killedAt;
      System.out.printf("after kill -9 of w1: live feed resumed on the survivor in %d ms, scheduler fired in %d ms%n", feedMs, scheduleMs);

      List<Long> after = seqs(client.frames(20, "\"type\":\"trade\"", 20_000));
      assertThat(owners(live)).containsExactly("w1", "w2");
      assertThat(after).isSorted().doesNotHaveDuplicates();
      assertThat(after.get(0)).as("seq keeps increasing across the move").isGreaterThan(before.get(before.size() - 1));

      // a firing moves next_fire_at (to next year) by compare-and-set before it creates its job, so once it has moved
      // and one job exists, no node can fire this schedule again: one job now is one job for good
      awaitTrue(() -> scalar("SELECT count(*) FROM collector.schedules WHERE id = '" + schedule.getString("id")
          + "' AND next_fire_at > now()") == 1, 10_000, "the firing moved the schedule on");
      assertThat(jobsOf(scheduled)).as("the schedule fired once").isEqualTo(1);
      awaitTrue(() -> "succeeded".equals(jobStatusOf(scheduled)), 60_000, "the scheduled job succeeds");
    }
    awaitTrue(() -> scalar("SELECT count(*) FROM bars WHERE symbol = 'FOVR' AND interval = '1m' AND ts >= now() - interval '90 seconds'"
        + " AND ts > (SELECT max(at) FROM collector.feed_events WHERE kind = 'owned') - interval '1 minute'") > 0, 100_000,
        "the survivor stores final 1m bars");
    assertThat(scalar("SELECT count(*) - count(DISTINCT seq) FROM trades WHERE symbol = 'FOVR'")).as("duplicate trades").isZero();
    assertThat(scalar("SELECT count(*) FROM trades WHERE symbol = 'FOVR'")).isPositive();
    assertThat(scalar("SELECT count(*) FROM (SELECT ts FROM bar_versions WHERE symbol = 'FOVR' GROUP BY ts, version HAVING count(*) > 1) d"))
        .as("duplicate 1m bar versions").isZero();
    assertThat(rest("DELETE", "/api/v1/collectors/" + live, null).statusCode()).as("the feed stops").isEqualTo(200);
  }

  @Test
  @Order(3)
  void aJobWhoseWorkerIsKilledMidwayIsRedeliveredAndCompletesWithoutDuplicates() throws Exception {
    NodeProcess w3 = worker("w3", 5834);
    w3.awaitReady(120_000);
    String collector = historyCollector("KILLA", "KILLB");
    vendor.hangFirst("KILLB");
    String jobId = data(rest("POST", "/api/v1/collectors/" + collector + "/run", new JsonObject())).getString("job_id");
    awaitTrue(() -> !vendor.seen("KILLB").isEmpty(), 60_000, "the job reaches the hanging symbol");
    long pid = vendor.processOwning(vendor.seen("KILLB").get(0).clientPort(), List.of(w2.pid(), w3.pid()));
    NodeProcess worker = pid == w2.pid() ? w2 : w3;
    NodeProcess other = worker == w2 ? w3 : w2;
    survivor = other;
    assertThat(scalar("SELECT count(*) FROM bars WHERE symbol = 'KILLA'")).as("the first symbol was stored before the kill").isEqualTo(3);

    worker.kill9();
    long killedAt = System.currentTimeMillis();
    vendor.release();
    JsonObject job = awaitJobThroughFailover(jobId);
    System.out.printf("after kill -9 of the worker the job was redelivered and finished in %d ms%n", finishedAt(jobId) - killedAt);
    assertThat(job.getString("status")).as(job.encode()).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(rows(job).getLong("unchanged")).as("the replayed part of the job").isPositive();
    assertThat(vendor.seen("KILLA")).as("KILLA is fetched again from its last stored date").hasSize(2);
    assertThat(vendor.seen("KILLA").get(1).query().get("period1")).isEqualTo(vendor.seen("AAPL").get(1).query().get("period1"));
    assertThat(vendor.seen("KILLB")).as("the killed worker's symbol is fetched by the other worker").hasSize(2);
    for (String symbol : List.of("KILLA", "KILLB")) {
      assertThat(scalar("SELECT count(*) FROM bars WHERE symbol = '" + symbol + "'")).as(symbol + " rows").isEqualTo(3);
      assertThat(scalar("SELECT count(*) FROM bar_versions WHERE symbol = '" + symbol + "'")).as(symbol + " versions")
          .isEqualTo(scalar("SELECT count(*) FROM bar_versions WHERE symbol = 'AAPL'"));
    }
  }

  @Test
  @Order(4)
  void sigtermRequeuesTheUnackedJobAndHandsTheFeedOverAtOnce() throws Exception {
    assertThat(rest("POST", "/api/v1/sources", new JsonObject().put("id", "sim-term").put("type", "simulated")
        .put("symbols", new JsonArray().add("TERM")).put("trades_per_second", 20)).statusCode()).isEqualTo(201);
    String live = data(rest("POST", "/api/v1/collectors", new JsonObject().put("source", "sim-term").put("live", true)
        .put("symbols", new JsonArray().add("TERM")))).getString("id");
    assertThat(survivor).as("the worker left by the previous test").isNotNull();
    awaitTrue(() -> owners(live).size() == 1, 30_000, "the feed runs on the only worker");
    String collector = historyCollector("TERMA");
    vendor.hangFirst("TERMA");
    String jobId = data(rest("POST", "/api/v1/collectors/" + collector + "/run", new JsonObject())).getString("job_id");
    awaitTrue(() -> !vendor.seen("TERMA").isEmpty(), 60_000, "the job is in flight on the only worker");

    NodeProcess w4 = worker("w4", 5835);
    w4.awaitReady(120_000);
    long termAt = System.currentTimeMillis();
    assertThat(survivor.terminate(60_000)).as("a clean stop").isIn(0, 143);
    long stoppedMs = System.currentTimeMillis() - termAt;
    awaitTrue(() -> owners(live).contains("w4"), 30_000, "the feed moves to w4");
    long feedMs = scalar("SELECT (extract(epoch FROM max(at)) * 1000)::bigint FROM collector.feed_events WHERE kind = 'owned' AND node = 'w4'"
        + " AND collector_id = '" + live + "'") - termAt;
    vendor.release();
    JsonObject job = awaitJob(jobId);
    System.out.printf("after SIGTERM: node stopped in %d ms, feed owned by w4 after %d ms, job finished after %d ms%n",
        stoppedMs, feedMs, finishedAt(jobId) - termAt);
    assertThat(job.getString("status")).as(job.encode()).isEqualTo("succeeded");
    assertThat(vendor.seen("TERMA")).as("the requeued job fetched again on w4").hasSize(2);
    assertThat(scalar("SELECT count(*) FROM bars WHERE symbol = 'TERMA'")).isEqualTo(3);
    assertThat(scalar("SELECT count(*) FROM collector.feed_events WHERE collector_id = '" + live + "' AND kind = 'released'"))
        .as("the stopping node released the feed").isEqualTo(1);
  }

  // ---- helpers

  private static long finishedAt(String jobId) {
    return scalar("SELECT (extract(epoch FROM finished_at) * 1000)::bigint FROM collector.jobs WHERE id = '" + jobId + "'");
  }

  private static void deleteQueues() {
    Vertx cleanup = Vertx.vertx();
    try {
      JsonObject config = TestConfig.forDatabase(DB).put("collector", new JsonObject().put("queue_prefix", "test." + DB));
      CollectorQueues.delete(cleanup, config);
    } finally {
      cleanup.close().await();
    }
  }

  private static String login() {
    HttpResponse<String> r = Waits.until(Waits.await("the admin logs in").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)),
        () -> HTTP.send(HttpRequest.newBuilder(uri("/api/v1/auth/login")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "admin@ndc.local").put("password", ADMIN_PASSWORD).encode()))
            .build(), HttpResponse.BodyHandlers.ofString()),
        response -> response.statusCode() == 200, CollectionClusterIT::shown);
    return new JsonObject(r.body()).getJsonObject("data").getString("access_token");
  }

  private static String shown(HttpResponse<String> response) {
    return response.statusCode() + " " + response.body();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
  }

  private static HttpResponse<String> rest(String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject data(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return new JsonObject(response.body()).getJsonObject("data");
  }

  private static String historyCollector(String... symbols) throws Exception {
    return data(rest("POST", "/api/v1/collectors", new JsonObject().put("source", "yahoo")
        .put("symbols", new JsonArray(List.of((Object[]) symbols))).put("start_date", "2024-01-01").put("end_date", "2024-01-05")))
        .getString("id");
  }

  private static JsonObject runToEnd(String collector) throws Exception {
    HttpResponse<String> accepted = rest("POST", "/api/v1/collectors/" + collector + "/run", new JsonObject());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return awaitJob(data(accepted).getString("job_id"));
  }

  private static JsonObject awaitJob(String jobId) {
    return Waits.until(Waits.await("job " + jobId + " finishes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)),
        () -> answered(rest("GET", "/api/v1/jobs/" + jobId, null)), CollectionClusterIT::finished, JsonObject::encode);
  }

  /** The data of a 2xx answer; any other answer ends a wait at once (an exception, not a failed assertion to retry). */
  private static JsonObject answered(HttpResponse<String> response) {
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new IllegalStateException("answered " + shown(response));
    }
    return new JsonObject(response.body()).getJsonObject("data");
  }

  private static boolean finished(JsonObject job) {
    return List.of("succeeded", "dead").contains(job.getString("status"));
  }

  private static JsonObject rows(JsonObject job) {
    return job.getJsonObject("rows");
  }

  /**
   * Polls the job while the cluster drops the killed node: a bus request that went to the killed node's handler before
   * its removal is lost and the gateway answers 504 after the bus timeout; those answers are counted and printed.
   */
  private static JsonObject awaitJobThroughFailover(String jobId) {
    AtomicInteger lost = new AtomicInteger();
    HttpResponse<String> finished = Waits.until(Waits.await("job " + jobId + " finishes through the failover")
            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)),
        () -> rest("GET", "/api/v1/jobs/" + jobId, null),
        response -> {
          if (response.statusCode() == 504) {
            lost.incrementAndGet();
            return false;
          }
          return finished(answered(response));
        }, CollectionClusterIT::shown);
    System.out.printf("%d job reads answered 504 while the killed worker was dropped%n", lost.get());
    return answered(finished);
  }

  private static long scalar(String sql) {
    return pg.query(sql).execute().await().iterator().next().getLong(0);
  }

  private static void execute(String sql, Object param) {
    pg.preparedQuery(sql).execute(Tuple.of(param)).await();
  }

  private static List<String> owners(String collector) {
    List<String> owners = new ArrayList<>();
    for (Row row : pg.preparedQuery("SELECT node FROM collector.feed_events WHERE collector_id = $1 AND kind = 'owned' ORDER BY id")
        .execute(Tuple.of(UUID.fromString(collector))).await()) {
      owners.add(row.getString(0));
    }
    return owners;
  }

  private static long jobsOf(String collector) {
    return pg.preparedQuery("SELECT count(*) FROM collector.jobs WHERE collector_id = $1").execute(Tuple.of(UUID.fromString(collector)))
        .await().iterator().next().getLong(0);
  }

  private static String jobStatusOf(String collector) {
    var rows = pg.preparedQuery("SELECT status FROM collector.jobs WHERE collector_id = $1").execute(Tuple.of(UUID.fromString(collector))).await();
    return rows.size() == 1 ? rows.iterator().next().getString(0) : null;
  }

  private static List<Long> seqs(List<ProbeProcess.Received> frames) {
    return frames.stream().map(f -> new JsonObject(f.text())).map(f -> f.getJsonObject("data", f).getLong("seq")).toList();
  }

  private static void awaitTrue(Callable<Boolean> check, long timeoutMs, String what) {
    Waits.await(what).atMost(Duration.ofMillis(timeoutMs)).pollInterval(Duration.ofMillis(200)).until(check);
  }
}
