package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replay of stored bars over the stream: bars ingested through REST come back in order, paced by {@code speed}. */
class StreamReplayTest {
  private static final String DB = TestConfig.uniqueDatabase("replay");
  private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).plus(14, ChronoUnit.HOURS);
  private static final int BARS = 12;
  private static TestNode node;
  private static String token;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(DB), ServiceName.STORAGE);
    token = TestUsers.tokenFor(node, "operator");
    JsonArray rows = new JsonArray();
    for (int i = 0; i < BARS; i++) {
      double open = 100 + i;
      rows.add(new JsonObject().put("symbol", "RPLY").put("ts", START.plus(i, ChronoUnit.MINUTES).toString())
          .put("open", open).put("high", open + 1).put("low", open - 1).put("close", open + 0.5).put("volume", 1000 + i));
    }
    var stored = node.post("/api/v1/prices:batch", token, new JsonObject().put("source", "test").put("interval", "1m").put("rows", rows));
    assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(200);
    assertThat(stored.bodyAsJsonObject().getJsonObject("data").getInteger("accepted")).isEqualTo(BARS);
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static String replay(double speed) {
    return new JsonObject().put("action", "replay").put("symbol", "RPLY").put("interval", "1m")
        .put("from", START.toString()).put("to", START.plus(BARS, ChronoUnit.MINUTES).toString()).put("speed", speed).encode();
  }

  @Test
  void speedZeroSendsEveryStoredBarInOrderAsFastAsTheClientReads() throws Exception {
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream?access_token=" + token)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send(replay(0));
      List<ProbeProcess.Received> bars = ws.frames(BARS, "\"replay\":true", 20_000);
      for (int i = 0; i < BARS; i++) {
        JsonObject bar = new JsonObject(bars.get(i).text());
        assertThat(bar.getString("type")).isEqualTo("bar");
        assertThat(bar.getString("ts")).isEqualTo(START.plus(i, ChronoUnit.MINUTES).toString());
        assertThat(bar.getDouble("open")).isEqualTo(100.0 + i);
        assertThat(bar.getBoolean("final")).isTrue();
      }
      assertThat(ws.frame(10_000, "\"type\":\"replay_done\"")).contains("\"bars\":" + BARS);
    }
  }

  @Test
  void speedPacesBarsByTheirTimeDifference() throws Exception {
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream?access_token=" + token)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send(replay(600));
      List<ProbeProcess.Received> bars = ws.frames(BARS, "\"replay\":true", 30_000);
      long spanMs = bars.get(BARS - 1).atMs() - bars.get(0).atMs();
      // a minute between bars at 600x is 100 ms; the whole replay cannot be faster than that
      assertThat(spanMs).isGreaterThanOrEqualTo((BARS - 1) * 100L - 50);
      ws.send(replay(600));
      ws.send(replay(600));
      assertThat(ws.frame(10_000, "\"type\":\"error\"")).contains("CONFLICT", "already running");
    }
  }

  @Test
  void aReplayOfAnUnknownRangeEndsAtOnceAndBadRequestsAreErrors() throws Exception {
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream?access_token=" + token)) {
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send("{\"action\":\"replay\",\"symbol\":\"RPLY\",\"interval\":\"1m\",\"from\":\"2001-01-01\",\"to\":\"2001-01-02\",\"speed\":0}");
      assertThat(ws.frame(10_000, "\"type\":\"replay_done\"")).contains("\"bars\":0");
      ws.send("{\"action\":\"replay\",\"symbol\":\"RPLY\",\"interval\":\"2m\",\"from\":\"2001-01-01\",\"to\":\"2001-01-02\"}");
      assertThat(ws.frame(10_000, "\"type\":\"error\"")).contains("unknown interval");
      ws.send("{\"action\":\"replay\",\"symbol\":\"RPLY\",\"from\":\"yesterday\",\"to\":\"2001-01-02\",\"speed\":0}");
      assertThat(ws.frame(10_000, "\"type\":\"error\"")).contains("replay failed", "yesterday");
    }
  }
}
