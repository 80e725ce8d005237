package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6 "frames are handled in the order they arrive", as vendor SDKs use the stream: {@code auth}, {@code subscribe}
 * and {@code ping} sent back to back by a client in another JVM. The node is fresh, so the token is the first one its
 * gateway sees and its verification has to fetch the signing keys over the bus: the slow path that used to let the
 * subscribe overtake the auth.
 */
class StreamPipelinedFramesTest {
  private static final String DB = TestConfig.uniqueDatabase("stream_burst");
  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(DB));
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  @Test
  void authSubscribeAndPingInOneBurstAreAnsweredInOrderAndTradesFollow() throws Exception {
    // a login does not verify any token, so the gateway has still seen none
    String token = TestUsers.login(node, TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD).getString("access_token");
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream")) {
      ws.send(new JsonObject().put("action", "auth").put("token", token).encode());
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"BURST\"]}");
      ws.send("{\"action\":\"ping\",\"id\":\"after-subscribe\"}");
      assertThat(ws.frame(10_000, "\"type\"")).contains("\"type\":\"authenticated\"");
      assertThat(ws.frame(5_000, "\"type\"")).contains("\"type\":\"subscribed\"", "BURST");
      assertThat(ws.frame(5_000, "\"type\"")).contains("\"type\":\"pong\"", "after-subscribe");
      JsonObject trade = new JsonObject().put("type", "trade").put("symbol", "BURST").put("price", 12.5).put("size", 3)
          .put("ts", java.time.Instant.now().toString()).put("seq", 1);
      node.vertx.eventBus().publish(MarketAddresses.trade("BURST"), trade);
      assertThat(ws.frame(5_000, "\"type\"")).contains("\"type\":\"trade\"", "\"symbol\":\"BURST\"", "\"seq\":1");
    }
  }
}
