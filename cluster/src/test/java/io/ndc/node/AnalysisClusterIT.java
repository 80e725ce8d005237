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
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide invalidation across JVMs started as users start them: node A runs gateway, auth, storage and analysis,
 * node B gateway and analysis. Bars are written through A; {@code GET /analysis/technical} is asked through B, whose
 * gateway spreads requests over both analysis services. Each analysis node keeps its own hot series and shares the
 * Redis answers, so a node that missed {@code ndc.storage.data.changed} would answer the old, cached values: after a
 * revision, a rollback and a new bar every answer through B, from either node, is the new one.
 */
class AnalysisClusterIT {
  private static final String DB = TestConfig.uniqueDatabase("analysis_cl");
  private static final String MEMBERS = "127.0.0.1:5847,127.0.0.1:5848";
  private static final String ADMIN_PASSWORD = "analysis-cluster-admin-pw";
  /** Answers asked after each change: the gateway's round robin over two nodes gives each of them several. */
  private static final int ASKS = 6;
  private static final String QUERY = "/api/v1/analysis/technical/CLU?start_date=2024-01-02&indicators=sma:5,rsi:14,macd:12:26:9";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String token;

  @AfterAll
  static void dropDatabase() {
    TestConfig.dropDatabase(DB);
  }

  private static NodeProcess start(String nodeId, int port, String services) throws Exception {
    return NodeProcess.start("analysis-" + nodeId, NodeProcess.testEnv(DB, nodeId, ADMIN_PASSWORD), "--cluster", "--cluster-port", Integer.toString(port),
        "--cluster-members", MEMBERS, "--services", services, "--http-port", "0");
  }

  private HttpResponse<String> send(int port, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject data(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonObject("data");
  }

  private static JsonObject bar(String date, double close) {
    return new JsonObject().put("symbol", "CLU").put("date", date).put("open", close - 0.5).put("high", close + 1)
        .put("low", close - 1).put("close", close).put("volume", 1000);
  }

  private JsonObject ingest(int port, JsonArray rows) throws Exception {
    return data(send(port, "POST", "/api/v1/prices:batch", new JsonObject().put("source", "test").put("interval", "daily")
        .put("rows", rows)));
  }

  /** {@link #ASKS} answers through B; all must be equal (no node answers from a series it should have dropped). */
  private JsonObject technicalThroughB(int port) throws Exception {
    JsonObject first = data(send(port, "GET", QUERY, null));
    for (int i = 1; i < ASKS; i++) {
      assertThat(data(send(port, "GET", QUERY, null))).as("answer %d of %d through B", i + 1, ASKS).isEqualTo(first);
    }
    return first;
  }

  private static double lastSma(JsonObject answer) {
    JsonArray sma = answer.getJsonObject("indicators").getJsonArray("sma_5");
    return sma.getDouble(sma.size() - 1);
  }

  /** The nodes whose analysis service has read series from storage, from their own health reports. */
  private Set<String> nodesThatRead(int port) throws Exception {
    Set<String> nodes = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      JsonObject report = data(send(port, "GET", "/api/v1/system/services/analysis", null));
      JsonObject cache = report.getJsonObject("details").getJsonObject("series_cache");
      if (cache.getLong("misses") >= 4) {
        nodes.add(report.getString("node"));
      }
    }
    return nodes;
  }

  @Test
  void revisionsRollbacksAndNewBarsWrittenThroughOneNodeChangeTheAnswersOfTheOther() throws Exception {
    try (NodeProcess a = start("node-a", 5847, "gateway,auth,storage,analysis");
        NodeProcess b = start("node-b", 5848, "gateway,analysis")) {
      a.awaitReady(90_000);
      b.awaitReady(90_000);
      int portA = a.httpPort();
      int portB = b.httpPort();
      HttpResponse<String> login = Waits.until(Waits.await("the admin logs in through B").atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(200)),
          () -> send(portB, "POST", "/api/v1/auth/login", new JsonObject().put("email", "admin@ndc.local")
              .put("password", ADMIN_PASSWORD)),
          r -> r.statusCode() == 200, r -> r.statusCode() + " " + r.body());
      token = new JsonObject(login.body()).getJsonObject("data").getString("access_token");

      JsonArray rows = new JsonArray();
      LocalDate d = LocalDate.parse("2023-06-01");
      String last = null;
      for (int i = 0; i < 200; d = d.plusDays(1)) {
        if (d.getDayOfWeek().getValue() < 6) {
          rows.add(bar(d.toString(), 100 + 5 * Math.sin(i / 5.0) + i * 0.1));
          last = d.toString();
          i++;
        }
      }
      ingest(portA, rows);

      JsonObject first = technicalThroughB(portB);
      assertThat(first.getJsonArray("dates").getString(first.getJsonArray("dates").size() - 1)).isEqualTo(last);
      assertThat(technicalThroughB(portB)).as("warm, from either node").isEqualTo(first);

      JsonObject revision = ingest(portA, new JsonArray().add(bar(last, 400)));
      assertThat(revision.getInteger("revised")).isEqualTo(1);
      JsonObject revised = technicalThroughB(portB);
      assertThat(lastSma(revised)).as("the revision through A, asked through B").isGreaterThan(lastSma(first) + 50);

      data(send(portA, "POST", "/api/v1/batches/" + revision.getLong("batch_id") + ":rollback", new JsonObject()));
      assertThat(technicalThroughB(portB)).as("the rollback through A, asked through B").isEqualTo(first);

      String next = LocalDate.parse(last).plusDays(LocalDate.parse(last).getDayOfWeek().getValue() == 5 ? 3 : 1).toString();
      ingest(portA, new JsonArray().add(bar(next, 300)));
      JsonObject extended = technicalThroughB(portB);
      JsonArray dates = extended.getJsonArray("dates");
      assertThat(dates).hasSize(first.getJsonArray("dates").size() + 1);
      assertThat(dates.getString(dates.size() - 1)).as("the new bar through A, asked through B").isEqualTo(next);
      assertThat(lastSma(extended)).isGreaterThan(lastSma(first) + 30);

      assertThat(nodesThatRead(portB)).as("both analysis nodes read the series anew after the changes")
          .containsExactlyInAnyOrder("node-a", "node-b");
    }
  }
}
