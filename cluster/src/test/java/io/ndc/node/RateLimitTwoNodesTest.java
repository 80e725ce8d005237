package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.auth.Roles;
import io.ndc.platform.testing.TcpProxy;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway nodes (two Vert.x instances, each with auth and gateway) on one database and one Redis: limits and
 * login throttling hold across both; with Redis gone the gateway lets requests through instead of failing them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTwoNodesTest {
  private final String database = TestConfig.uniqueDatabase("ratelimit");
  private TestNode a;
  private TestNode b;

  private JsonObject config() {
    JsonObject config = TestNode.config(database);
    // a viewer bucket of 10 that practically does not refill during the test, so counts are exact
    config.getJsonObject("gateway").put("rate_limit", new JsonObject()
        .put("roles", new JsonObject().put("viewer", new JsonObject().put("capacity", 10).put("per_second", 0.001)))
        .put("anonymous", new JsonObject().put("capacity", 1000).put("per_second", 100)));
    return config;
  }

  @BeforeAll
  void start() {
    a = TestNode.start(config());
    b = TestNode.start(config());
  }

  @AfterAll
  void stop() {
    a.close();
    b.close();
    TestConfig.dropDatabase(database);
  }

  @Test
  void oneBucketPerUserAcrossBothNodes() {
    String token = TestUsers.tokenFor(a, Roles.VIEWER);
    List<HttpResponse<Buffer>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(a.get("/api/v1/auth/profile", token));
      responses.add(b.get("/api/v1/auth/profile", token));
    }
    long allowed = responses.stream().filter(r -> r.statusCode() == 200).count();
    List<HttpResponse<Buffer>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(allowed).isEqualTo(10);
    assertThat(limited).hasSize(6);
    HttpResponse<Buffer> first = responses.get(0);
    assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("10");
    assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("9");
    assertThat(first.getHeader("RateLimit-Reset")).isNotNull();
    HttpResponse<Buffer> refused = limited.get(0);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isPositive();
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");

    // another user has a bucket of their own
    assertThat(b.get("/api/v1/auth/profile", TestUsers.tokenFor(b, Roles.VIEWER)).statusCode()).isEqualTo(200);
  }

  @Test
  void failedLoginsCountOnEveryNode() {
    JsonObject user = TestUsers.create(a, Roles.VIEWER);
    JsonObject wrong = new JsonObject().put("email", user.getString("email")).put("password", "wrong password!");
    for (int i = 0; i < 5; i++) {
      assertThat((i % 2 == 0 ? a : b).post("/api/v1/auth/login", null, wrong).statusCode()).isEqualTo(401);
    }
    JsonObject right = new JsonObject().put("email", user.getString("email")).put("password", TestUsers.PASSWORD);
    assertThat(a.post("/api/v1/auth/login", null, right).statusCode()).isEqualTo(429);
    assertThat(b.post("/api/v1/auth/login", null, right).statusCode()).isEqualTo(429);
  }

  @Test
  void redisDownFailsOpen() {
    Vertx proxyVertx = Vertx.vertx();
    TcpProxy redis = new TcpProxy(proxyVertx, "127.0.0.1", Integer.parseInt(TestConfig.REDIS_URL.replaceAll(".*:(\\d+).*", "$1")));
    int port = redis.up().await();
    JsonObject config = config();
    config.getJsonObject("redis").put("url", "redis://127.0.0.1:" + port);
    TestNode c = TestNode.start(config);
    try {
      String token = TestUsers.tokenFor(a, Roles.VIEWER);
      assertThat(c.get("/api/v1/auth/profile", token).getHeader("RateLimit-Limit")).isEqualTo("10");
      redis.down().await();
      for (int i = 0; i < 15; i++) {
        HttpResponse<Buffer> response = c.get("/api/v1/auth/profile", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("RateLimit-Limit")).isNull();
      }
      assertThat(c.get("/metrics", null).bodyAsString()).contains("ndc_gateway_ratelimit_failopen_total");
    } finally {
      c.close();
      proxyVertx.close().await();
    }
  }
}
