package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The collection API through the gateway with roles (docs/security.md): an analyst reads sources but cannot change
 * them or run collectors, a viewer does not see collection at all, an operator registers sources, and a source's API key
 * never appears in any answer.
 */
class CollectionRolesTest {
  private static final String DB = TestConfig.uniqueDatabase("collect_roles");
  private static final String API_KEY = "av-secret-key-1234567890";
  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(CollectionRest.config(DB), ServiceName.COLLECTOR);
  }

  @AfterAll
  static void stop() {
    CollectionRest.close(node, DB);
  }

  @Test
  void anAnalystReadsSourcesButCannotRegisterThemAndKeysAreNeverShown() {
    String analyst = TestUsers.tokenFor(node, "analyst");
    String viewer = TestUsers.tokenFor(node, "viewer");
    String operator = TestUsers.tokenFor(node, "operator");
    JsonObject source = new JsonObject().put("id", "av").put("type", "alphavantage").put("base_url", "http://127.0.0.1:9")
        .put("api_key", API_KEY).put("quota_per_minute", 5);

    HttpResponse<Buffer> refused = node.post("/api/v1/sources", analyst, source);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("AUTHORIZATION_ERROR");

    HttpResponse<Buffer> created = node.post("/api/v1/sources", operator, source);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> collector = node.post("/api/v1/collectors", operator, new JsonObject().put("source", "av")
        .put("symbols", new JsonArray().add("IBM")).put("interval", "daily"));
    assertThat(collector.statusCode()).as(collector.bodyAsString()).isEqualTo(201);

    assertThat(node.get("/api/v1/sources", viewer).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> listed = node.get("/api/v1/sources", analyst);
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    JsonObject av = listed.bodyAsJsonObject().getJsonObject("data").getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("av")).findFirst().orElseThrow();
    assertThat(av.getBoolean("has_api_key")).isTrue();
    assertThat(av.containsKey("api_key")).isFalse();

    for (HttpResponse<Buffer> answer : new HttpResponse[] {created, collector, listed, node.get("/api/v1/sources", operator),
        node.get("/api/v1/collectors", analyst)}) {
      assertThat(answer.bodyAsString()).doesNotContain(API_KEY);
    }
    HttpResponse<Buffer> analystRun = node.post("/api/v1/collectors/" + collector.bodyAsJsonObject().getJsonObject("data").getString("id") + "/run",
        analyst, new JsonObject());
    assertThat(analystRun.statusCode()).as(analystRun.bodyAsString()).isEqualTo(403);
  }
}
