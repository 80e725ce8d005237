package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input an attacker sends to the HTTP side of the gateway (issue 15): every answer is a 4xx in the envelope, says what
 * is wrong in NDC's words, and names no library.
 */
class HostileHttpTest {
  private static final String DB = TestConfig.uniqueDatabase("hostile_http");
  /** Words that would tell a client which library parsed its input. */
  private static final String[] INTERNALS = {"jackson", "Feature", "StreamRead", "Constraints", "java.", "io.vertx",
      "netty", "Exception"};
  private static TestNode node;
  private static String admin;

  @BeforeAll
  static void start() {
    JsonObject config = TestNode.config(DB);
    config.getJsonObject("http").put("request_timeout_s", 1);
    node = TestNode.start(config);
    admin = TestUsers.adminToken(node);
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("message")).doesNotContainIgnoringCase(INTERNALS[0]).doesNotContain(INTERNALS);
    return error;
  }

  @Test
  void aNulCharacterInAParameterOrABodyFieldIs400NamingIt() {
    assertThat(error(node.get("/api/v1/users?page=1%00", admin), 400).getString("message")).contains("'page'", "NUL");
    JsonObject body = new JsonObject().put("email", "x\u0000@example.com").put("password", "long enough password");
    JsonObject refused = error(node.post("/api/v1/users", admin, body), 400);
    assertThat(refused.getJsonObject("details").getString("field")).isEqualTo("email");
  }

  @Test
  void jsonThatDoesNotParseIsDescribedWithItsLineAndColumn() {
    HttpResponse<Buffer> nan = node.client.request(HttpMethod.POST, node.port, "127.0.0.1", "/api/v1/users")
        .bearerTokenAuthentication(admin).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"email\": NaN}")).await();
    assertThat(error(nan, 400).getString("message")).matches("request body is not valid JSON \\(line 1, column \\d+\\)");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    HttpResponse<Buffer> nested = node.client.request(HttpMethod.POST, node.port, "127.0.0.1", "/api/v1/users")
        .bearerTokenAuthentication(admin).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"email\":" + deep + "}")).await();
    assertThat(error(nested, 400).getString("message")).startsWith("request body nests deeper");
  }

  @Test
  void aJsonBodySentAsAFormIs415() {
    HttpResponse<Buffer> form = node.client.request(HttpMethod.POST, node.port, "127.0.0.1", "/api/v1/users")
        .bearerTokenAuthentication(admin)
        .putHeader("Content-Type", "multipart/form-data; boundary=b")
        .sendBuffer(Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n--b--\r\n"))
        .await();
    assertThat(error(form, 415).getString("message")).contains("application/json");
  }

  @Test
  void theStreamAddressWithoutAnUpgradeIsAnsweredInTheEnvelope() {
    assertThat(error(node.get("/ws/v1/stream", null), 400).getString("message")).contains("WebSocket");
  }

  @Test
  void anOverlongUrlOrOversizedHeadersAreAnsweredInTheEnvelope() throws IOException {
    String longUrl = raw("GET /api/v1/stocks?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(longUrl).startsWith("HTTP/1.").contains(" 414 ").contains("\"status\":\"error\"", "URL is longer");
    String bigHeader = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThat(bigHeader).startsWith("HTTP/1.").contains(" 431 ").contains("\"status\":\"error\"", "headers are larger");
  }

  @Test
  void aRequestWhoseBodyStopsArrivingIsAnswered408() throws IOException {
    // the body is declared 100 bytes and 10 arrive: answered after http.request_timeout_s (1 s here), not held
    String answer = raw("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":");
    assertThat(answer).startsWith("HTTP/1.1 408").contains("\"status\":\"error\"");
  }

  /** Writes {@code request} on a fresh connection and reads until the server closes it or 10 s pass. */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try {
        for (int n; (n = in.read(chunk)) > 0; ) {
          answer.write(chunk, 0, n);
          if (answer.toString(StandardCharsets.UTF_8).contains("\"status\":\"error\"")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
        // what arrived is the answer
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
