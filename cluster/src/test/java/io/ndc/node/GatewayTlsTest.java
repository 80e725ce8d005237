package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.auth.Roles;
import io.ndc.gateway.GatewayService;
import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.testing.TestCertificates;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with {@code http.tls} set: REST, the WebSocket stream, SockJS and the TCP bridge answer over TLS only,
 * with the configured certificate; a certificate that cannot be used stops the deployment, naming file and setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTlsTest {
  private final String database = TestConfig.uniqueDatabase("gwtls");
  @TempDir
  static Path dir;
  private TestCertificates.Pem certificate;
  private TestNode node;
  private PemTrustOptions trustGateway;

  @BeforeAll
  void start() {
    certificate = TestCertificates.selfSigned(dir, "gateway");
    trustGateway = new PemTrustOptions().addCertPath(certificate.cert().toString());
    JsonObject config = TestNode.config(database);
    config.getJsonObject("http").put("tls", new JsonObject()
        .put("cert_path", certificate.cert().toString()).put("key_path", certificate.key().toString()));
    node = TestNode.start(config);
  }

  @AfterAll
  void stop() {
    node.close();
    TestConfig.dropDatabase(database);
  }

  @Test
  void restAndSockJsAnswerOverHttpsAndPlainHttpGetsNoAnswer() {
    // the node's client trusts exactly the configured certificate and checks the host name (127.0.0.1 is in it)
    assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
    assertThat(node.get("/eventbus/info", null).bodyAsString()).contains("\"websocket\":true");

    WebClient plain = WebClient.create(node.vertx, new WebClientOptions());
    try {
      assertThatThrownBy(() -> plain.get(node.port, "127.0.0.1", "/health").timeout(5000).send().await())
          .as("a plain-HTTP request to the HTTPS port").isNotNull();
    } finally {
      plain.close();
    }
  }

  @Test
  void theStreamAuthenticatesOverWss() throws Exception {
    String token = TestUsers.tokenFor(node, Roles.VIEWER);
    WebSocketClient client = node.vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(trustGateway));
    try {
      Promise<String> first = Promise.promise();
      // connected from an event loop, so the handler is in place before the greeting the server sends at once
      node.vertx.runOnContext(v -> client.connect(new WebSocketConnectOptions().setSsl(true).setHost("127.0.0.1")
              .setPort(node.port).setURI(HttpGatewayVerticle.STREAM_PATH + "?access_token=" + token))
          .onSuccess(ws -> ws.textMessageHandler(first::tryComplete))
          .onFailure(first::tryFail));
      assertThat(first.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
          .contains("\"type\":\"authenticated\"");
    } finally {
      client.close().await();
    }
  }

  @Test
  void theTcpBridgeUsesTheGatewaysCertificateToo() throws Exception {
    int bridgePort = (Integer) node.vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.BRIDGE_PORT_KEY);
    assertThat(bridgePing(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(trustGateway), bridgePort))
        .contains("\"type\":\"pong\"");
    assertThat(bridgePing(new NetClientOptions(), bridgePort)).as("a plain TCP client").isNull();
  }

  /** The bridge's answer to a ping frame, or null when the connection fails or closes first. */
  private String bridgePing(NetClientOptions options, int port) throws Exception {
    NetClient client = node.vertx.createNetClient(options);
    try {
      Promise<String> answer = Promise.promise();
      client.connect(port, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          answer.tryComplete(null);
          return;
        }
        NetSocket socket = connected.result();
        Buffer received = Buffer.buffer();
        socket.handler(bytes -> {
          received.appendBuffer(bytes);
          if (received.length() >= 4 && received.length() >= 4 + received.getInt(0)) {
            answer.tryComplete(received.getString(4, 4 + received.getInt(0)));
          }
        });
        socket.closeHandler(v -> answer.tryComplete(null));
        byte[] frame = new JsonObject().put("type", "ping").encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        socket.write(Buffer.buffer().appendInt(frame.length).appendBytes(frame));
      });
      return answer.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close().await();
    }
  }

  @Test
  void anUnusableCertificateFailsTheDeploymentNamingFileAndSetting() {
    Path missing = dir.resolve("missing.crt");
    JsonObject config = TestConfig.forDatabase(TestConfig.uniqueDatabase("gwtlsbad"));
    config.getJsonObject("http").put("tls", new JsonObject().put("cert_path", missing.toString()).put("key_path", certificate.key().toString()));
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> vertx.deployVerticle(new GatewayService(), new DeploymentOptions().setConfig(config)).await())
          .hasMessageContaining("cannot read " + missing + " (http.tls.cert_path)");

      // the bridge's own setting, when given, is checked the same way
      config.getJsonObject("http").put("tls", new JsonObject()
          .put("cert_path", certificate.cert().toString()).put("key_path", certificate.key().toString()));
      config.getJsonObject("bridge").put("tls", new JsonObject().put("cert_path", certificate.cert().toString()));
      assertThatThrownBy(() -> vertx.deployVerticle(new GatewayService(), new DeploymentOptions().setConfig(config)).await())
          .hasMessageContaining("bridge.tls.key_path is not");
    } finally {
      vertx.close().await();
    }
  }
}
