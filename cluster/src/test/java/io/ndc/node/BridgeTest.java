package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.BusHeaders;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-bus bridges with clients that are not Java: the official Vert.x JavaScript client over SockJS under
 * Node, and a Python client speaking the TCP bridge's frames. Same token, same permissions, same refusals.
 */
class BridgeTest {
  private static final String DB = TestConfig.uniqueDatabase("bridge");
  private static final Path JS = Path.of("src", "test", "js");
  private static TestNode node;
  private static JsonObject viewer;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isDirectory(JS.resolve("node_modules"))) {
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent").directory(JS.toFile())
          .redirectErrorStream(true).redirectOutput(new File("target/npm-install.log")).start();
      assertThat(npm.waitFor(180, TimeUnit.SECONDS) && npm.exitValue() == 0).as("npm install in " + JS).isTrue();
    }
    node = TestNode.start(TestNode.config(DB));
    viewer = TestUsers.create(node, "viewer");
    // stands in for the storage service: answers with the identity the bridge forwarded
    node.vertx.eventBus().<JsonObject>consumer(StorageAddresses.BARS_QUERY, m -> m.reply(new JsonObject()
        .put("symbol", m.body().getString("symbol")).put("user", m.headers().get(BusHeaders.USER_ID))
        .put("roles", m.headers().get(BusHeaders.ROLES)).put("token_forwarded", m.headers().contains("Authorization"))))
        .completion().await();
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static void trade(String symbol) {
    node.vertx.eventBus().publish(MarketAddresses.trade(symbol), new JsonObject().put("type", "trade").put("symbol", symbol)
        .put("price", 123.5).put("size", 3).put("seq", 1));
  }

  private static int bridgePort() {
    return (Integer) node.vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.BRIDGE_PORT_KEY);
  }

  /** A TCP bridge frame: a 4-byte big-endian length, then the JSON. */
  private static byte[] tcpFrame(String json) {
    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  @Test
  void aTcpBridgeFrameDeclaredOverTheLimitClosesTheConnectionBeforeItIsBuffered() throws Exception {
    try (java.net.Socket attacker = new java.net.Socket("127.0.0.1", bridgePort())) {
      attacker.setSoTimeout(10_000);
      var out = attacker.getOutputStream();
      out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      byte[] junk = new byte[64 * 1024];
      long sent = 0;
      try {
        // the server closes at the prefix; writing on stops with a reset well before the declared 2 GiB
        for (; sent < 200L * 1024 * 1024; sent += junk.length) {
          out.write(junk);
        }
      } catch (java.io.IOException closed) {
        // expected: the connection was closed
      }
      assertThat(sent).as("bytes written before the close").isLessThan(200L * 1024 * 1024);
      assertThat(attacker.getInputStream().read()).isEqualTo(-1);
    } catch (java.net.SocketException reset) {
      // a reset while reading is the same close
    }
    try (java.net.Socket client = new java.net.Socket("127.0.0.1", bridgePort())) {
      client.setSoTimeout(10_000);
      client.getOutputStream().write(tcpFrame("{\"type\":\"ping\"}"));
      byte[] length = client.getInputStream().readNBytes(4);
      byte[] body = client.getInputStream().readNBytes(java.nio.ByteBuffer.wrap(length).getInt());
      assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).contains("pong");
    }
  }

  @Test
  void tcpBridgeFromPythonChecksTheTokenAndPermissions() throws Exception {
    String token = viewer.getString("access_token");
    try (ProbeProcess py = ProbeProcess.start(List.of("python3", "src/test/python/tcp_bridge_probe.py", "127.0.0.1",
        String.valueOf(bridgePort())))) {
      py.command("register " + MarketAddresses.trade("AAPL"));
      assertThat(py.frame(10_000, "\"type\":\"err\"")).contains("blocked");

      py.command("register " + MarketAddresses.trade("AAPL") + " " + token);
      py.command("send " + StorageAddresses.BARS_QUERY + " {\"symbol\":\"AAPL\"}");
      String reply = py.frame(10_000, "reply-1");
      assertThat(reply).contains("\"user\":\"" + viewer.getString("id") + "\"", "\"roles\":\"viewer\"", "\"token_forwarded\":false");
      trade("AAPL");
      assertThat(py.frame(10_000, "\"type\":\"message\"")).contains("\"symbol\":\"AAPL\"", "123.5");

      py.command("register " + MarketAddresses.trade(MarketAddresses.ALL_SYMBOLS));
      assertThat(py.frame(10_000, "\"type\":\"err\"")).contains("blocked");
      py.command("send ndc.auth.users.create {\"email\":\"x@y.z\"}");
      assertThat(py.frame(10_000, "\"type\":\"err\"")).contains("blocked");
      py.command("publish " + MarketAddresses.trade("AAPL") + " {\"price\":1}");
      assertThat(py.frame(10_000, "\"type\":\"err\"")).contains("blocked");
    }
  }

  @Test
  void sockJsBridgeWithTheOfficialJavaScriptClient() throws Exception {
    String url = "http://127.0.0.1:" + node.port + "/eventbus";
    try (ProbeProcess js = ProbeProcess.start(List.of("node", "src/test/js/sockjs-probe.js", url))) {
      // the JS client sends a register frame only for its first handler of an address: refuse on another symbol
      js.command("register " + MarketAddresses.trade("NVDA"));
      assertThat(js.frame(10_000, "\"kind\":\"error\"")).contains("rejected");

      js.command("token " + viewer.getString("access_token"));
      js.command("register " + MarketAddresses.trade("MSFT"));
      js.command("send " + StorageAddresses.BARS_QUERY + " {\"symbol\":\"MSFT\"}");
      assertThat(js.frame(10_000, "\"kind\":\"reply\"")).contains("\"user\":\"" + viewer.getString("id") + "\"");
      trade("MSFT");
      assertThat(js.frame(10_000, "\"kind\":\"message\"")).contains("\"symbol\":\"MSFT\"");

      js.command("register " + MarketAddresses.trade(MarketAddresses.ALL_SYMBOLS));
      assertThat(js.frame(10_000, "\"kind\":\"error\"")).contains("rejected");
    }
  }

  @Test
  void sockJsRefusesForeignOrigins() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/eventbus/info"))
        .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("AUTHORIZATION_ERROR", "evil.example");
    HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/eventbus/info"))
        .header("Origin", "http://127.0.0.1:" + node.port).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).isEqualTo(200);
  }
}
