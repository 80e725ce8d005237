package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The all-in-one node as users run it: operational endpoints, OpenAPI, and the envelope for every failure. */
class AllInOneNodeTest {
  private static InProcessNode node;

  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.startAll();
    adminToken = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, String contentType) throws Exception {
    var request = node.http().request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    var future = body == null ? request.send() : request.sendBuffer(body);
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return send(HttpMethod.GET, path, null, null);
  }

  private static void assertEnvelopeError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getJsonObject("error").getString("code")).isEqualTo(code);
    assertThat(body.getJsonObject("error").getString("message")).isNotBlank();
    assertThat(response.bodyAsString()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void readyLineNamesEveryServiceAndThePorts() {
    assertThat(node.readyLine()).isEqualTo("NDC ready services=gateway,auth,collector,storage,analysis,notification http="
        + node.httpPort() + " bridge=" + node.bridgePort() + " cluster=off");
    assertThat(node.bridgePort()).isPositive();
  }

  @Test
  void healthIsUpAndReadyReportsEveryServiceAndDependency() throws Exception {
    HttpResponse<Buffer> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getJsonObject("data").getString("status")).isEqualTo("UP");

    HttpResponse<Buffer> ready = get("/ready");
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    JsonObject data = ready.bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getJsonArray("services").stream().map(o -> ((JsonObject) o).getString("service")))
        .containsExactlyInAnyOrder(Arrays.stream(ServiceName.values()).map(ServiceName::id).toArray(String[]::new));
    assertThat(data.encode()).contains("\"name\":\"postgres\"", "\"name\":\"redis\"", "\"name\":\"rabbitmq\"");
    JsonObject collector = data.getJsonArray("services").stream().map(o -> (JsonObject) o)
        .filter(r -> "collector".equals(r.getString("service"))).findFirst().orElseThrow();
    assertThat(collector.getJsonObject("details").fieldNames()).contains("sources", "breakers_on_node");
  }

  @Test
  void requestsReachTheirServiceThroughTheBusAndCarryARequestId() throws Exception {
    HttpResponse<Buffer> response = node.http().get("/api/v1/system/services/storage/node")
        .bearerTokenAuthentication(adminToken).putHeader("X-Request-Id", "test-req-42").send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("X-Request-Id")).isEqualTo("test-req-42");
    assertThat(response.bodyAsJsonObject().getJsonObject("data").getString("service")).isEqualTo("storage");
    assertThat(get("/api/v1/system/services/notification").getHeader("X-Request-Id")).isNotBlank();
    assertEnvelopeError(get("/api/v1/system/services/notification"), 401, "AUTHENTICATION_ERROR");
  }

  @Test
  void metricsArePrometheusTextWithVertxAndBreakerMeters() throws Exception {
    node.http().get("/api/v1/system/services/auth/node").bearerTokenAuthentication(adminToken).send()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total",
        "ndc_breaker_state{name=\"bus:auth\"", "jvm_memory_used_bytes");
    // per-message event-bus meters are off unless metrics.eventbus is set (docs: README, Operations)
    assertThat(metrics.bodyAsString()).doesNotContain("vertx_eventbus_");
  }

  @Test
  void openApiDocumentsEveryRouteAndDocsRenderIt() throws Exception {
    HttpResponse<Buffer> openapi = get("/openapi.json");
    assertThat(openapi.statusCode()).isEqualTo(200);
    JsonObject paths = openapi.bodyAsJsonObject().getJsonObject("paths");
    for (var row : io.ndc.gateway.routes.RouteTable.all()) {
      String path = row.fullPath(name -> "{" + name + "}");
      assertThat(paths.getJsonObject(path)).as(path).isNotNull();
      assertThat(paths.getJsonObject(path).getJsonObject(row.method().name().toLowerCase())).as(row.method() + " " + path).isNotNull();
    }
    assertThat(paths.fieldNames()).contains("/health", "/ready", "/metrics");

    HttpResponse<Buffer> docs = get("/docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.bodyAsString()).contains("/openapi.json", "swagger-ui-bundle.js");
    assertThat(get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownRoutesAndMethodsAnswerInTheEnvelope() throws Exception {
    assertEnvelopeError(get("/api/v1/no/such/thing"), 404, "RESOURCE_NOT_FOUND");
    assertEnvelopeError(get("/nothing-here"), 404, "RESOURCE_NOT_FOUND");
    assertEnvelopeError(send(HttpMethod.DELETE, "/api/v1/system/services/storage", null, null), 405, "VALIDATION_ERROR");
  }

  @Test
  void malformedJsonAndWrongContentTypesAreRefusedInTheEnvelope() throws Exception {
    assertEnvelopeError(send(HttpMethod.POST, "/api/v1/auth/login", Buffer.buffer("{\"email\": "), "application/json"),
        400, "VALIDATION_ERROR");
    assertEnvelopeError(send(HttpMethod.POST, "/api/v1/auth/login", Buffer.buffer("[1,2,3]"), "application/json"),
        400, "VALIDATION_ERROR");
    assertEnvelopeError(send(HttpMethod.POST, "/api/v1/auth/login", Buffer.buffer("email=a&password=b"),
        "application/x-www-form-urlencoded"), 415, "VALIDATION_ERROR");
  }

  @Test
  void oversizedBodiesAreRefusedWith413() throws Exception {
    Buffer big = Buffer.buffer(new byte[2 * 1024 * 1024]);
    assertEnvelopeError(send(HttpMethod.POST, "/api/v1/system/services/storage", big, "application/json"), 413, "PAYLOAD_TOO_LARGE");
  }
}
