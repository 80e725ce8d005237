package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.platform.metrics.Metrics;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not slow anyone else: its trades are conflated to the newest per symbol and,
 * when it stays behind, it is closed with 4008, while a healthy client on the same symbol gets every trade.
 */
class StreamBackpressureTest {
  private static final String DB = TestConfig.uniqueDatabase("streambp");
  private static final String PAD = "x".repeat(2000);
  private static TestNode node;

  @BeforeAll
  static void start() {
    JsonObject config = TestNode.config(DB);
    config.put("node", new JsonObject().put("id", "bp-" + DB));
    config.put("stream", new JsonObject().put("slow_client_timeout_ms", 2000).put("write_queue_bytes", 1024 * 1024));
    node = TestNode.start(config);
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static ProbeProcess subscribed(String token) throws Exception {
    ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream?access_token=" + token);
    ws.frame(10_000, "\"type\":\"authenticated\"");
    ws.send("{\"action\":\"subscribe\",\"channels\":[\"trades\"],\"symbols\":[\"SLOW\"]}");
    ws.frame(5_000, "\"type\":\"subscribed\"");
    return ws;
  }

  /** Publishes {@code count} 2 KB trades, 4,000/s, from the node's event loop, stamped with their send time. */
  private static void publish(int first, int count) {
    node.vertx.runOnContext(v -> burst(first, first + count));
  }

  private static void burst(int next, int end) {
    int stop = Math.min(end, next + 20);
    for (int seq = next; seq < stop; seq++) {
      node.vertx.eventBus().publish(MarketAddresses.trade("SLOW"), new JsonObject().put("type", "trade").put("symbol", "SLOW")
          .put("price", 100 + seq % 7).put("size", 1).put("seq", seq).put("sent_ms", System.currentTimeMillis()).put("pad", PAD));
    }
    if (stop < end) {
      node.vertx.setTimer(5, t -> burst(stop, end));
    }
  }

  private static double counter(String name) {
    var meter = Metrics.registry().find(name).tag("node", "bp-" + DB).counter();
    return meter == null ? 0 : meter.count();
  }

  private static long[] latencies(List<ProbeProcess.Received> frames) {
    return frames.stream().mapToLong(f -> f.atMs() - new JsonObject(f.text()).getLong("sent_ms")).sorted().toArray();
  }

  private static long p99(long[] sorted) {
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)];
  }

  @Test
  void aStalledClientIsConflatedThenClosedWhileOthersKeepUp() throws Exception {
    try (ProbeProcess healthy = subscribed(TestUsers.tokenFor(node, "viewer"));
        ProbeProcess slow = subscribed(TestUsers.tokenFor(node, "viewer"))) {
      publish(0, 200);
      long[] before = latencies(healthy.frames(200, "\"symbol\":\"SLOW\"", 20_000));
      slow.frames(200, "\"symbol\":\"SLOW\"", 20_000);

      slow.pause();
      double conflatedBefore = counter("ndc_ws_conflated");
      double closedBefore = counter("ndc_ws_closed_slow");
      publish(200, 10_000);
      long[] during = latencies(healthy.frames(10_000, "\"symbol\":\"SLOW\"", 60_000));

      Waits.await("the stalled client is closed").atMost(Duration.ofSeconds(30))
          .until(() -> counter("ndc_ws_closed_slow") >= closedBefore + 1);
      assertThat(counter("ndc_ws_closed_slow")).isEqualTo(closedBefore + 1);
      assertThat(counter("ndc_ws_conflated")).isGreaterThan(conflatedBefore);
      // a paused client cannot see the close frame until it reads again
      slow.resume();
      assertThat(slow.closed(30_000)).startsWith("4008").contains("client too slow");
      System.out.printf("healthy client trade latency p50/p99/max: before stall %d/%d/%d ms, during stall %d/%d/%d ms%n",
          before[before.length / 2], p99(before), before[before.length - 1],
          during[during.length / 2], p99(during), during[during.length - 1]);
      // every trade reached the healthy client, none conflated for it, and it is still served
      assertThat(Arrays.stream(during).count()).isEqualTo(10_000);
      healthy.send("{\"action\":\"ping\",\"id\":9}");
      healthy.frame(10_000, "\"type\":\"pong\"");
    }
  }
}
