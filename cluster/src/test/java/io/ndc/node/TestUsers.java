package io.ndc.node;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;

/**
 * Users for REST tests: {@link #tokenFor(TestNode, String)} creates a user with a role (as the bootstrap admin) and
 * returns its access token, so any feature's test can call the API as that role.
 */
public final class TestUsers {
  public static final String PASSWORD = "a-long-test-password";

  private TestUsers() {
  }

  /** The created user {@code {"id","email","password","access_token","refresh_token"}}. */
  public static JsonObject create(TestNode node, String... roles) {
    String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@ndc.test";
    HttpResponse<Buffer> created = node.post("/api/v1/users", adminToken(node), new JsonObject()
        .put("email", email).put("password", PASSWORD).put("name", "Test " + String.join("+", roles))
        .put("roles", new JsonArray(java.util.List.of((Object[]) roles))));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("cannot create test user: " + created.bodyAsString());
    }
    JsonObject tokens = login(node, email, PASSWORD);
    return new JsonObject().put("id", created.bodyAsJsonObject().getJsonObject("data").getString("id"))
        .put("email", email).put("password", PASSWORD).mergeIn(tokens);
  }

  /** An access token of a fresh user with {@code role}. */
  public static String tokenFor(TestNode node, String role) {
    return create(node, role).getString("access_token");
  }

  public static String adminToken(TestNode node) {
    return login(node, TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD).getString("access_token");
  }

  /** The token pair of a password login (fails the test for anything else). */
  public static JsonObject login(TestNode node, String email, String password) {
    HttpResponse<Buffer> response = node.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login of " + email + " failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("data");
  }
}
