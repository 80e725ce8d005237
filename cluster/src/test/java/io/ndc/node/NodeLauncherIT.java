package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The launcher as users meet it: options, fail-fast start, printed configuration, SIGTERM drain. */
class NodeLauncherIT {
  private static final String DB = TestConfig.uniqueDatabase("launcher");
  private static final Map<String, String> ENV = Map.of("NDC_PG_URL", TestConfig.PG_SERVER + "/" + DB);

  @BeforeAll
  static void jarExists() {
    NodeProcess.jar();
  }

  @AfterAll
  static void dropDatabase() {
    TestConfig.dropDatabase(DB);
  }

  @Test
  void unreachablePostgresFailsTheStartNamingHostPortAndSetting() throws Exception {
    try (NodeProcess node = NodeProcess.start("pg-down", Map.of("NDC_PG_URL", "postgresql://postgres@127.0.0.1:1/ndc"),
        "--services", "storage", "--http-port", "0")) {
      assertThat(node.waitForExit(60_000)).isEqualTo(1);
      assertThat(node.stderr()).contains("NDC failed to start", "127.0.0.1:1", "NDC_PG_URL");
      assertThat(node.stdout()).doesNotContain("NDC ready");
    }
  }

  @Test
  void unreachableRedisFailsTheStartNamingHostPortAndSetting() throws Exception {
    try (NodeProcess node = NodeProcess.start("redis-down", Map.of("NDC_REDIS_URL", "redis://127.0.0.1:1"),
        "--services", "gateway", "--http-port", "0")) {
      assertThat(node.waitForExit(60_000)).isEqualTo(1);
      assertThat(node.stderr()).contains("Redis at 127.0.0.1:1", "NDC_REDIS_URL");
    }
  }

  @Test
  void unknownServiceIsAUsageError() throws Exception {
    try (NodeProcess node = NodeProcess.start("bad-service", Map.of(), "--services", "gateway,billing")) {
      assertThat(node.waitForExit(30_000)).isEqualTo(2);
      assertThat(node.stderr()).contains("unknown service 'billing'");
    }
  }

  @Test
  void printConfigShowsTheLayersWithSecretsMasked() throws Exception {
    try (NodeProcess node = NodeProcess.start("print-config",
        Map.of("NDC_ADMIN_PASSWORD", "hunter2-secret", "NDC_HTTP_PORT", "9999", "NDC_AMQP_URL", "amqp://u:pw-secret@h:5672"),
        "--print-config", "--bridge-port", "7100")) {
      assertThat(node.waitForExit(30_000)).isEqualTo(0);
      String printed = node.stdout();
      assertThat(printed).contains("\"port\" : 9999", "\"port\" : 7100", "amqp://u:****@h:5672", "\"password\" : \"****\"")
          .doesNotContain("hunter2-secret", "pw-secret");
    }
  }

  @Test
  void sigtermDrainsAndExitsCleanly() throws Exception {
    try (NodeProcess node = NodeProcess.start("drain", ENV, "--http-port", "0")) {
      node.awaitReady(60_000);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

      assertThat(node.terminate(30_000)).isIn(0, 143);
      assertThat(node.stderr()).contains("draining node", "node drained");
    }
  }
}
