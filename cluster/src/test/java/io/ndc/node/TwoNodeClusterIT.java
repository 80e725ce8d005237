package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two JVMs started through the launcher users run: A hosts only the gateway, B every other service. Requests through
 * A are served on B; when B is killed, A says so at once instead of letting clients wait; a new B serves again.
 */
class TwoNodeClusterIT {
  private static final String DB = TestConfig.uniqueDatabase("cluster");
  private static final String MEMBERS = "127.0.0.1:5811,127.0.0.1:5812";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterAll
  static void dropDatabase() {
    TestConfig.dropDatabase(DB);
  }

  private static Map<String, String> env(String nodeId) {
    Map<String, String> env = new HashMap<>();
    env.put("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB);
    env.put("NDC__node__id", nodeId);
    env.put("NDC_ADMIN_PASSWORD", "cluster-admin-pw");
    return env;
  }

  private static NodeProcess startBackend(String name) throws Exception {
    return NodeProcess.start(name, env("node-b"), "--cluster", "--cluster-port", "5812", "--cluster-members", MEMBERS,
        "--services", "auth,collector,storage,analysis,notification");
  }

  private String token;

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in as the bootstrap admin through the gateway on A (the auth service runs on B). */
  private String login(int port) {
    HttpResponse<String> r = Waits.until(Waits.await("the admin logs in through A").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)),
        () -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"admin@ndc.local\",\"password\":\"cluster-admin-pw\"}")).build(),
            HttpResponse.BodyHandlers.ofString()),
        response -> response.statusCode() == 200, response -> response.statusCode() + " " + response.body());
    return new JsonObject(r.body()).getJsonObject("data").getString("access_token");
  }

  /** GETs {@code path} until it answers {@code status} and returns that answer; fails with the last one after the timeout. */
  private HttpResponse<String> pollUntil(int port, String path, int status, long timeoutMs) {
    return Waits.until(Waits.await(path + " answers " + status).atMost(Duration.ofMillis(timeoutMs)).pollInterval(Duration.ofMillis(200)),
        () -> get(port, path), r -> r.statusCode() == status, r -> r.statusCode() + " " + r.body());
  }

  @Test
  void gatewayOnOneNodeServesThroughServicesOnAnotherAndFailsFastWhenTheyDie() throws Exception {
    try (NodeProcess b = startBackend("cluster-b");
        NodeProcess a = NodeProcess.start("cluster-a", env("node-a"), "--cluster", "--cluster-port", "5811",
            "--cluster-members", MEMBERS, "--services", "gateway", "--http-port", "0")) {
      b.awaitReady(90_000);
      a.awaitReady(90_000);
      assertThat(a.readyLine()).contains("services=gateway ", "cluster=on");
      assertThat(b.readyLine()).contains("http=- bridge=-", "cluster=on");
      int port = a.httpPort();
      token = login(port);

      HttpResponse<String> served = pollUntil(port, "/api/v1/system/services/storage/node", 200, 20_000);
      assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
      assertThat(new JsonObject(served.body()).getJsonObject("data").getString("node")).isEqualTo("node-b");
      assertThat(pollUntil(port, "/ready", 200, 20_000).statusCode()).isEqualTo(200);

      b.kill9();
      long killedAt = System.currentTimeMillis();
      HttpResponse<String> notReady = pollUntil(port, "/ready", 503, 15_000);
      long noticedMs = System.currentTimeMillis() - killedAt;
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("SERVICE_UNAVAILABLE", "storage");
      System.out.println("readiness noticed the killed node after " + noticedMs + " ms");
      assertThat(noticedMs).as("readiness must notice a killed node within seconds").isLessThan(10_000);

      for (int i = 0; i < 5; i++) {
        long sent = System.nanoTime();
        HttpResponse<String> refused = get(port, "/api/v1/system/services/storage/node");
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(tookMs).as("a request to a dead service must not wait for the bus timeout").isLessThan(4_000);
      }

      try (NodeProcess b2 = startBackend("cluster-b2")) {
        b2.awaitReady(90_000);
        HttpResponse<String> again = pollUntil(port, "/api/v1/system/services/storage/node", 200, 30_000);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(pollUntil(port, "/ready", 200, 30_000).statusCode()).isEqualTo(200);
      }
    }
  }
}
