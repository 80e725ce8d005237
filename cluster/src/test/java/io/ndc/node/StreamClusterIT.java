package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fan-out across JVMs: node A (gateway + auth, its own JVM) serves a WebSocket client (a third JVM); this test's JVM
 * joins the cluster as member B and publishes trades. A client on A gets B's trades for its symbols, A receives
 * nothing else (counted in its /metrics), and SIGTERM on A closes the client with 1001.
 */
class StreamClusterIT {
  private static final String DB = TestConfig.uniqueDatabase("streamcl");
  private static final String MEMBERS = "127.0.0.1:5821,127.0.0.1:5822";
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void dropDatabase() {
    TestConfig.dropDatabase(DB);
  }

  private String login(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"admin@ndc.local\",\"password\":\"stream-admin-pw\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("data").getString("access_token");
  }

  private double busMessagesIn(int port) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("ndc_ws_bus_messages_in_total\\{node=\"stream-a\"} ([0-9.E]+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void tradesPublishedOnOneNodeReachClientsOnAnotherAndOnlyWantedSymbolsCross() throws Exception {
    Map<String, String> env = Map.of("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB, "NDC__node__id", "stream-a",
        "NDC_ADMIN_PASSWORD", "stream-admin-pw");
    try (NodeProcess a = NodeProcess.start("stream-a", env, "--cluster", "--cluster-port", "5821", "--cluster-members", MEMBERS,
        "--services", "gateway,auth", "--http-port", "0")) {
      a.awaitReady(90_000);
      Vertx b = Vertx.builder().with(new VertxOptions()).withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(
              new JsonObject().put("cluster", new JsonObject().put("members", MEMBERS).put("port", 5822)))))
          .buildClustered().await();
      try (ProbeProcess client = ProbeProcess.connect("ws://127.0.0.1:" + a.httpPort() + "/ws/v1/stream?access_token=" + login(a.httpPort()))) {
        client.frame(10_000, "\"type\":\"authenticated\"");
        client.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"AAPL\"]}");
        client.frame(10_000, "\"type\":\"subscribed\"");
        double before = busMessagesIn(a.httpPort());

        for (int seq = 1; seq <= 20; seq++) {
          for (String symbol : new String[] {"AAPL", "MSFT", "NVDA"}) {
            JsonObject trade = new JsonObject().put("type", "trade").put("symbol", symbol).put("price", 100.0 + seq)
                .put("size", 1).put("ts", java.time.Instant.now().toString()).put("seq", seq);
            b.eventBus().publish(MarketAddresses.trade(symbol), trade);
            b.eventBus().publish(MarketAddresses.trade(MarketAddresses.ALL_SYMBOLS), trade);
          }
        }
        // a last AAPL trade after all of them: B sends A its publications on one connection in the order it makes
        // them, so once the client has this one, any MSFT or NVDA trade that crossed would have come before it
        b.eventBus().publish(MarketAddresses.trade("AAPL"), new JsonObject().put("type", "trade").put("symbol", "AAPL")
            .put("price", 121.0).put("size", 1).put("ts", java.time.Instant.now().toString()).put("seq", 21));
        var frames = client.frames(20, "\"type\":\"trade\"", 20_000);
        assertThat(frames).allMatch(f -> f.text().contains("\"symbol\":\"AAPL\""));
        client.frame(20_000, "\"type\":\"trade\"", "\"seq\":21");
        assertThat(client.seen()).noneMatch(l -> l.contains("MSFT") || l.contains("NVDA"));
        assertThat(client.drainPending()).noneMatch(l -> l.contains("MSFT") || l.contains("NVDA"));
        assertThat(busMessagesIn(a.httpPort()) - before).as("publications that crossed to node A").isEqualTo(21.0);

        assertThat(a.terminate(30_000)).isIn(0, 143);
        assertThat(client.closed(10_000)).startsWith("1001");
      } finally {
        b.close().await();
      }
    }
  }
}
