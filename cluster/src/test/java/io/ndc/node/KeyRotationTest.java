package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.auth.Roles;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Signing-key rotation: new tokens get the new key, tokens of the old key keep working until they expire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationTest {
  private final String database = TestConfig.uniqueDatabase("keyrotation");
  private TestNode node;

  @BeforeAll
  void start() {
    node = TestNode.withJwt(database, new JsonObject().put("key_rotation_s", 1));
  }

  @AfterAll
  void stop() {
    node.close();
    TestConfig.dropDatabase(database);
  }

  @Test
  void rotatedKeysKeepVerifyingAndNewKidsAreFetched() {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    String oldToken = user.getString("access_token");
    String oldKid = kid(oldToken);
    assertThat(node.get("/api/v1/auth/profile", oldToken).statusCode()).isEqualTo(200);

    String newToken = Waits.until(Waits.await("a new key signs after the rotation period").atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200)),
        () -> TestUsers.login(node, user.getString("email"), TestUsers.PASSWORD).getString("access_token"),
        token -> !kid(token).equals(oldKid), KeyRotationTest::kid);
    assertThat(kid(newToken)).as("a new key signs after the rotation period").isNotEqualTo(oldKid);
    // the gateway has not seen the new kid yet: it fetches the key set and accepts the token
    assertThat(node.get("/api/v1/auth/profile", newToken).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", oldToken).statusCode()).isEqualTo(200);
    assertThat(node.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys").size()).isGreaterThanOrEqualTo(2);
  }

  private static String kid(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)).getString("kid");
  }
}
