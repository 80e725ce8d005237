package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /ws/v1/stream} against a client in another JVM: authentication first, subscriptions with per-role
 * permissions, bad frames answered and survived, limits, batching and the alerts channel.
 */
class StreamProtocolTest {
  private static final String DB = TestConfig.uniqueDatabase("stream");
  private static TestNode node;
  private static String viewer;
  private static String operator;
  private static String viewerId;

  @BeforeAll
  static void start() {
    JsonObject config = TestNode.config(DB);
    config.put("stream", new JsonObject().put("auth_timeout_ms", 1500).put("max_subscriptions", 4).put("heartbeat_ms", 1000)
        .put("max_connections_per_user", 2).put("max_frame_chars", 4096));
    node = TestNode.start(config);
    JsonObject viewerUser = TestUsers.create(node, "viewer");
    viewer = viewerUser.getString("access_token");
    viewerId = viewerUser.getString("id");
    operator = TestUsers.tokenFor(node, "operator");
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static ProbeProcess connect(String query) throws Exception {
    return ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream" + query);
  }

  private static ProbeProcess authenticated(String token) throws Exception {
    ProbeProcess ws = connect("");
    ws.send(new JsonObject().put("action", "auth").put("token", token).encode());
    ws.frame(10_000, "\"type\":\"authenticated\"");
    return ws;
  }

  private static void trade(String symbol, double price, long seq) {
    JsonObject trade = new JsonObject().put("type", "trade").put("symbol", symbol).put("price", price).put("size", 10)
        .put("ts", java.time.Instant.now().toString()).put("seq", seq);
    node.vertx.eventBus().publish(MarketAddresses.trade(symbol), trade);
    node.vertx.eventBus().publish(MarketAddresses.trade(MarketAddresses.ALL_SYMBOLS), trade);
  }

  @Test
  void nothingIsServedBeforeAuthenticationAndABadTokenCloses4001() throws Exception {
    try (ProbeProcess ws = connect("")) {
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"AAPL\"]}");
      assertThat(ws.frame(5_000, "\"type\":\"error\"")).contains("AUTHENTICATION_ERROR");
      ws.send("{\"action\":\"auth\",\"token\":\"eyJhbGciOiJub25lIn0.e30.\"}");
      assertThat(ws.frame(5_000, "\"type\":\"error\"")).contains("AUTHENTICATION_ERROR");
      assertThat(ws.closed(5_000)).startsWith("4001");
    }
  }

  @Test
  void beforeAuthenticationEveryFrameReadableOrNotIsAnAuthenticationError() throws Exception {
    try (ProbeProcess ws = connect("")) {
      for (String frame : new String[] {"not json", "[1,2]", "{\"channels\":[]}", "{\"action\":\"ping\"}",
          "{\"action\":\"x\",\"pad\":\"" + "x".repeat(5000) + "\"}"}) {
        ws.send(frame);
        assertThat(ws.frame(5_000, "\"type\":\"error\"")).as(frame).contains("AUTHENTICATION_ERROR");
      }
    }
  }

  @Test
  void aFrameOverTheWebSocketLimitClosesWith1009BeforeItIsRead() throws Exception {
    try (ProbeProcess ws = connect("")) {
      ws.send("{\"action\":\"auth\",\"token\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
      assertThat(ws.closed(10_000)).startsWith("1009");
    }
    // signed in, a message up to stream.max_message_bytes is answered and one over it closes 1009 as it arrives
    try (ProbeProcess ws = authenticated(viewer)) {
      ws.send("{\"action\":\"x\",\"pad\":\"" + "x".repeat(512 * 1024) + "\"}");
      assertThat(ws.frame(5_000, "\"type\":\"error\"")).contains("PAYLOAD_TOO_LARGE");
      ws.send("{\"action\":\"x\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
      assertThat(ws.closed(10_000)).startsWith("1009");
    }
  }

  @Test
  void aSilentConnectionIsClosed4001AfterTheAuthTimeout() throws Exception {
    try (ProbeProcess ws = connect("")) {
      assertThat(ws.closed(10_000)).startsWith("4001");
    }
  }

  @Test
  void subscribedClientsGetTradesAndUnsubscribedOnesDoNot() throws Exception {
    try (ProbeProcess ws = connect("?access_token=" + viewer)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"AAPL\",\"005930\"]}");
      assertThat(ws.frame(5_000, "\"type\":\"subscribed\"")).contains("\"channels\":[\"trades\"]", "\"symbols\":[\"005930\",\"AAPL\"]");
      trade("AAPL", 190.5, 1);
      trade("MSFT", 410.0, 1);
      trade("005930", 71000, 7);
      assertThat(ws.frame(5_000, "\"type\":\"trade\"")).contains("\"symbol\":\"AAPL\"", "\"price\":190.5", "\"seq\":1");
      assertThat(ws.frame(5_000, "\"type\":\"trade\"")).contains("\"symbol\":\"005930\"");

      ws.send("{\"action\":\"unsubscribe\",\"channels\":[\"trades\"],\"symbols\":[\"AAPL\"]}");
      assertThat(ws.frame(5_000, "\"type\":\"unsubscribed\"")).contains("\"symbols\":[\"005930\"]");
      trade("AAPL", 191, 2);
      ws.send("{\"action\":\"ping\",\"id\":42}");
      ws.frame(5_000, "\"type\":\"pong\"", "\"id\":42");
      assertThat(ws.seen()).noneMatch(l -> l.contains("\"price\":191"));
    }
  }

  @Test
  void badFramesGetErrorsAndTheConnectionStaysOpen() throws Exception {
    try (ProbeProcess ws = authenticated(viewer)) {
      String[][] cases = {
          {"not json", "VALIDATION_ERROR"},
          {"[1,2]", "VALIDATION_ERROR"},
          {"{\"channels\":[]}", "VALIDATION_ERROR"},
          {"{\"action\":\"fly\"}", "unknown action"},
          {"{\"action\":\"subscribe\",\"channels\":[\"quotes\"],\"symbols\":[\"AAPL\"]}", "unknown channel"},
          {"{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"aapl; drop\"]}", "invalid symbol"},
          {"{\"action\":\"subscribe\",\"channels\":[\"trades\"]}", "\\\"symbols\\\" must be"},
          {"{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"*\"]}", "AUTHORIZATION_ERROR"},
          {"{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"A\",\"B\",\"C\",\"D\",\"E\"]}", "subscription limit"},
          {"{\"action\":\"replay\",\"symbol\":\"AAPL\",\"from\":\"2024-01-01\",\"to\":\"2024-01-02\",\"speed\":-1}", "speed"},
          {"{\"action\":\"x\",\"pad\":\"" + "x".repeat(5000) + "\"}", "PAYLOAD_TOO_LARGE"},
      };
      for (String[] c : cases) {
        ws.send(c[0]);
        assertThat(ws.frame(5_000, "\"type\":\"error\"")).as(c[0]).contains(c[1]);
      }
      ws.send("{\"action\":\"ping\",\"id\":\"still-here\"}");
      ws.frame(5_000, "\"type\":\"pong\"", "still-here");
    }
  }

  @Test
  void theServerPingsAndAClientThatAnswersStaysConnected() throws Exception {
    try (ProbeProcess ws = authenticated(viewer)) {
      ws.await(l -> l.equals("PING"), 5_000);
      ws.await(l -> l.equals("PING"), 5_000);
      ws.await(l -> l.equals("PING"), 5_000);
      ws.send("{\"action\":\"ping\",\"id\":\"alive\"}");
      ws.frame(5_000, "\"type\":\"pong\"", "alive");
    }
  }

  @Test
  void everySymbolIsForOperatorsOnly() throws Exception {
    try (ProbeProcess ws = authenticated(operator)) {
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"*\"]}");
      ws.frame(5_000, "\"type\":\"subscribed\"", "\"*\"");
      trade("NVDA", 120.25, 3);
      assertThat(ws.frame(5_000, "\"type\":\"trade\"")).contains("NVDA");
    }
  }

  @Test
  void alertsArriveOnTheUsersOwnChannel() throws Exception {
    try (ProbeProcess ws = authenticated(viewer)) {
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"alerts\"]}");
      ws.frame(5_000, "\"type\":\"subscribed\"", "alerts");
      node.vertx.eventBus().publish("ndc.notify.alert." + viewerId, new JsonObject().put("type", "alert")
          .put("rule_id", "r1").put("symbol", "AAPL").put("message", "AAPL above 200").put("ts", "2026-01-01T00:00:00Z"));
      node.vertx.eventBus().publish("ndc.notify.alert.someone-else", new JsonObject().put("type", "alert").put("rule_id", "r2"));
      assertThat(ws.frame(5_000, "\"type\":\"alert\"")).contains("\"rule_id\":\"r1\"");
      ws.send("{\"action\":\"ping\",\"id\":1}");
      ws.frame(5_000, "\"type\":\"pong\"");
      assertThat(ws.seen()).noneMatch(l -> l.contains("\"r2\""));
    }
  }

  @Test
  void batchingGathersEventsIntoBatchFrames() throws Exception {
    try (ProbeProcess ws = connect("?batch=1&access_token=" + viewer)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"MSFT\"]}");
      ws.frame(5_000, "\"type\":\"subscribed\"");
      for (int i = 1; i <= 5; i++) {
        trade("MSFT", 400 + i, i);
      }
      String batch = ws.frame(5_000, "\"type\":\"batch\"");
      JsonObject frame = new JsonObject(batch);
      int events = frame.getJsonArray("events").size();
      while (events < 5) {
        events += new JsonObject(ws.frame(5_000, "\"type\":\"batch\"")).getJsonArray("events").size();
      }
      assertThat(events).isEqualTo(5);
      assertThat(frame.getJsonArray("events").getJsonObject(0).getString("type")).isEqualTo("trade");
    }
  }

  @Test
  void aUserBeyondTheConnectionLimitIsRefused() throws Exception {
    String token = TestUsers.tokenFor(node, "viewer");
    try (ProbeProcess first = authenticated(token); ProbeProcess second = authenticated(token);
        ProbeProcess third = connect("?access_token=" + token)) {
      assertThat(third.frame(10_000, "\"type\":\"error\"")).contains("too many open stream connections");
      assertThat(third.closed(5_000)).startsWith("4029");
      first.send("{\"action\":\"ping\",\"id\":1}");
      first.frame(5_000, "\"type\":\"pong\"");
    }
  }
}
