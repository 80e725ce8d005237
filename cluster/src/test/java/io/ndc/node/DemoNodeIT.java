package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ndc --demo} as a user runs it (one JVM, every service): the demo instruments are listed by name, each has a
 * year of daily bars behind the prices endpoint, and its live trades reach a WebSocket client.
 */
class DemoNodeIT {
  private static final String DB = TestConfig.uniqueDatabase("demo_node");
  private static final String PASSWORD = "demo-admin-password";
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "005930", "000660");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int port;
  private String token;

  @AfterAll
  static void cleanUp() {
    CollectorQueues.deleteWithDatabase(DB);
  }


  @Test
  void theDemoNodeServesNamedInstrumentsAYearOfDailyBarsAndLiveTrades() throws Exception {
    Map<String, String> env = Map.of("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB, "NDC_ADMIN_PASSWORD", PASSWORD,
        "NDC__collector__queue_prefix", "test." + DB, "NDC__node__id", "demo");
    try (NodeProcess node = NodeProcess.start("demo", env, "--demo", "--http-port", "0", "--bridge-port", Integer.toString(NodeProcess.freePort()))) {
      node.awaitReady(120_000);
      port = node.httpPort();
      token = login();

      for (String symbol : SYMBOLS) {
        JsonObject instrument = awaitData("/api/v1/stocks/" + symbol, d -> d.getString("name") != null && !d.getString("name").equals(symbol));
        assertThat(instrument.getString("symbol")).isEqualTo(symbol);
      }
      String from = LocalDate.now(ZoneOffset.UTC).minusYears(1).minusDays(7).toString();
      for (String symbol : SYMBOLS) {
        JsonObject prices = awaitData("/api/v1/stocks/" + symbol + "/prices?interval=daily&start_date=" + from,
            d -> d.getJsonArray("prices").size() >= 240);
        JsonArray bars = prices.getJsonArray("prices");
        System.out.println("demo " + symbol + ": " + bars.size() + " daily bars");
        assertThat(bars.size()).as(symbol + " daily bars of a year of sessions").isBetween(240, 265);
      }

      try (ProbeProcess client = ProbeProcess.connect("ws://127.0.0.1:" + port + "/ws/v1/stream?access_token=" + token)) {
        client.frame(10_000, "\"type\":\"authenticated\"");
        client.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"AAPL\",\"005930\"]}");
        client.frame(10_000, "\"type\":\"subscribed\"");
        client.frame(20_000, "\"type\":\"trade\"", "\"symbol\":\"AAPL\"");
        client.frame(20_000, "\"type\":\"trade\"", "\"symbol\":\"005930\"");
      }
    }
  }

  /** The data of a GET once it satisfies {@code ready} (the demo's jobs run after the node is ready). */
  private JsonObject awaitData(String path, Predicate<JsonObject> ready) {
    HttpResponse<String> answer = Waits.until(Waits.await(path + " has the demo's data").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500)),
        () -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()),
        r -> r.statusCode() == 200 && ready.test(new JsonObject(r.body()).getJsonObject("data")),
        r -> path + " answered " + r.statusCode() + " " + r.body());
    return new JsonObject(answer.body()).getJsonObject("data");
  }

  private String login() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "admin@ndc.local").put("password", PASSWORD).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("data").getString("access_token");
  }
}
