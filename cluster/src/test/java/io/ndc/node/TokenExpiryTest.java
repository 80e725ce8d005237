package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.auth.Roles;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A token the gateway has verified (and remembers) stops working when it expires; the refresh token still works. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenExpiryTest {
  private final String database = TestConfig.uniqueDatabase("expiry");
  private TestNode node;

  @BeforeAll
  void start() {
    node = TestNode.withJwt(database, new JsonObject().put("access_ttl_s", 2).put("leeway_s", 0));
  }

  @AfterAll
  void stop() {
    node.close();
    TestConfig.dropDatabase(database);
  }

  @Test
  void aRememberedTokenExpires() {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    String token = user.getString("access_token");
    assertThat(node.get("/api/v1/auth/profile", token).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> response = Waits.until(Waits.await("the token expires").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)),
        () -> node.get("/api/v1/auth/profile", token), r -> r.statusCode() != 200, r -> r.statusCode() + " " + r.bodyAsString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("expired");
    String fresh = node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", user.getString("refresh_token")))
        .bodyAsJsonObject().getJsonObject("data").getString("access_token");
    assertThat(node.get("/api/v1/auth/profile", fresh).statusCode()).isEqualTo(200);
  }
}
