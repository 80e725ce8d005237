package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.auth.Roles;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two clustered nodes: A runs auth and a gateway, B only a gateway. B verifies tokens with keys fetched over the
 * clustered bus, and a logout at A is refused at B at once (the revocation is a bus publication).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteredRevocationTest {
  private final String database = TestConfig.uniqueDatabase("clustered_auth");
  private TestNode a;
  private TestNode b;

  @BeforeAll
  void start() throws IOException {
    int portA = freePort();
    int portB = freePort();
    a = TestNode.start(clustered(portA, portB, portA), config(), true);
    b = TestNode.start(clustered(portB, portA, portB), config(), false);
  }

  private JsonObject config() {
    JsonObject config = TestNode.config(database);
    config.getJsonObject("gateway").put("ready_services", new JsonArray().add("gateway"));
    return config;
  }

  private Vertx clustered(int port, int other, int own) {
    JsonObject cluster = new JsonObject().put("cluster", new JsonObject()
        .put("name", database).put("host", "127.0.0.1").put("port", own).put("port_count", 1)
        .put("members", "127.0.0.1:" + port + ",127.0.0.1:" + other));
    return Vertx.builder().withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(cluster))).buildClustered().await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  void stop() {
    b.close();
    a.close();
    TestConfig.dropDatabase(database);
  }

  /** Waits for the node to refuse the token, asking it back to back; fails when it still accepts it after {@code atMost}. */
  private static void refusedWithin(TestNode node, String access, Duration atMost) {
    long start = System.currentTimeMillis();
    Waits.await("the node refuses the revoked token").atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .until(() -> node.get("/api/v1/auth/profile", access).statusCode() == 401);
    System.out.println("revocation refused after " + (System.currentTimeMillis() - start) + " ms");
  }

  @Test
  void aLogoutOnOneNodeIsRefusedOnTheOtherAtOnce() {
    JsonObject user = TestUsers.create(a, Roles.ANALYST);
    String access = user.getString("access_token");
    assertThat(b.get("/api/v1/auth/profile", access).statusCode()).isEqualTo(200);
    assertThat(a.post("/api/v1/auth/logout", access, new JsonObject().put("refresh_token", user.getString("refresh_token"))).statusCode())
        .isEqualTo(200);
    // the revocation reaches every gateway as a clustered publication: allow its bus hop, nothing like a token lifetime
    refusedWithin(b, access, Duration.ofSeconds(1));
    refusedWithin(a, access, Duration.ofSeconds(1));
  }
}
