package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under a live feed loses no trade a subscriber saw: the drain stops the collector (whose last batches still
 * reach storage) before storage, on one node and across two nodes stopped at once (Hazelcast ports 5845-5846), and
 * every sequence number the subscriber recorded is stored once the nodes have exited.
 */
class SigtermLiveFeedIT {
  private static final String DB = TestConfig.uniqueDatabase("sigterm_live");
  private static final String PASSWORD = "sigterm-admin-password";
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private String token;

  @AfterAll
  static void cleanUp() {
    CollectorQueues.deleteWithDatabase(DB);
  }


  @Test
  void everyTradeASubscriberSawBeforeSigtermOfTheNodeIsStored() throws Exception {
    try (NodeProcess node = NodeProcess.start("sigterm", env("sigterm"), "--http-port", "0")) {
      node.awaitReady(120_000);
      assertSeenTradesStored("ONE", node);
    }
  }

  @Test
  void everyTradeSeenIsStoredWhenTheStorageNodeAndTheCollectorNodeGetSigtermTogether() throws Exception {
    String members = "127.0.0.1:5845,127.0.0.1:5846";
    try (NodeProcess front = NodeProcess.start("sigterm-front", env("front"), "--services", "gateway,auth,storage",
            "--http-port", "0", "--cluster", "--cluster-port", "5845", "--cluster-members", members);
        NodeProcess feed = NodeProcess.start("sigterm-feed", env("feed"), "--services", "collector",
            "--cluster", "--cluster-port", "5846", "--cluster-members", members)) {
      front.awaitReady(120_000);
      feed.awaitReady(120_000);
      assertSeenTradesStored("TWO", front, feed);
    }
  }

  private static Map<String, String> env(String nodeId) {
    return Map.of("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB, "NDC_ADMIN_PASSWORD", PASSWORD,
        "NDC__collector__queue_prefix", "test." + DB, "NDC__node__id", nodeId);
  }

  /** Feeds {@code symbol} at 200 trades/s to a subscriber, SIGTERMs every node at once 4.5 s in, compares. */
  private void assertSeenTradesStored(String symbol, NodeProcess gateway, NodeProcess... others) throws Exception {
    port = gateway.httpPort();
    token = login();
    TreeSet<Long> seen = new TreeSet<>();
    String source = "sim-" + symbol.toLowerCase(java.util.Locale.ROOT);
    assertThat(post("/api/v1/sources", new JsonObject().put("id", source).put("type", "simulated")
        .put("symbols", new JsonArray().add(symbol)).put("trades_per_second", 200)).statusCode()).isEqualTo(201);
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + port + "/ws/v1/stream?access_token=" + token)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"" + symbol + "\"]}");
      ws.frame(10_000, "\"type\":\"subscribed\"");
      assertThat(post("/api/v1/collectors", new JsonObject().put("source", source).put("live", true)
          .put("symbols", new JsonArray().add(symbol))).statusCode()).isEqualTo(201);
      // about 4.5 s of the feed at 200 trades/s, as the user's run had
      for (ProbeProcess.Received r : ws.frames(900, "\"type\":\"trade\"", 60_000)) {
        seen.add(new JsonObject(r.text()).getLong("seq"));
      }
      List<NodeProcess> nodes = new java.util.ArrayList<>(List.of(others));
      nodes.add(gateway);
      nodes.forEach(NodeProcess::signalTerm);
      for (NodeProcess node : nodes) {
        assertThat(node.waitForExit(60_000)).as("a clean stop").isIn(0, 143);
      }
      ws.closed(10_000);
      ws.drainPending().stream().filter(l -> l.startsWith("FRAME ") && l.contains("\"type\":\"trade\""))
          .forEach(l -> seen.add(new JsonObject(l.substring(l.indexOf('{'))).getLong("seq")));
    }
    TreeSet<Long> stored = storedSeqs(symbol);
    TreeSet<Long> missing = new TreeSet<>(seen);
    missing.removeAll(stored);
    System.out.printf("SIGTERM of %d node(s) under a 200 trades/s feed: subscriber saw %d trades, %d stored, %d of the seen missing%n",
        others.length + 1, seen.size(), stored.size(), missing.size());
    assertThat(missing).as("trades the subscriber saw that were never stored").isEmpty();
  }

  private static TreeSet<Long> storedSeqs(String symbol) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pg = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestConfig.PG_SERVER + "/" + DB)).using(vertx).build();
      TreeSet<Long> seqs = new TreeSet<>();
      for (Row row : pg.query("SELECT seq FROM market.trades WHERE symbol = '" + symbol + "'").execute().await()) {
        seqs.add(row.getLong(0));
      }
      pg.close().await();
      return seqs;
    } finally {
      vertx.close().await();
    }
  }

  private HttpResponse<String> post(String path, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String login() throws Exception {
    HttpResponse<String> r = post("/api/v1/auth/login", new JsonObject().put("email", "admin@ndc.local").put("password", PASSWORD));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("data").getString("access_token");
  }
}
