package io.ndc.gateway.stream;

import static io.ndc.platform.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ndc.contract.MarketAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's fan-out when the node keeps up with its bus input and when it falls behind. */
class SubscriptionHubTest {
  private Vertx vertx;
  private Context context;
  private StreamMetrics metrics;
  private SubscriptionHub hub;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final StreamSubscriber recorder = (frame, key) -> received.add(frame);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    metrics = StreamMetrics.forNode(new SimpleMeterRegistry(), "hub-test-" + UUID.randomUUID());
    hub = on(() -> Future.succeededFuture(new SubscriptionHub(vertx, metrics, 100)));
    on(() -> Future.all(hub.add(recorder, MarketAddresses.trade("AAPL"), StreamChannel.TRADES, "AAPL"),
        hub.add(recorder, MarketAddresses.bar("1m", "AAPL"), StreamChannel.BARS_1M, null)).mapEmpty());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private <T> T on(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future().await();
  }

  private static JsonObject event(String type, int seq) {
    return new JsonObject().put("type", type).put("symbol", "AAPL").put("seq", seq);
  }

  /** Waits until {@code count} frames arrived; fails when they do not within two seconds. */
  private void awaitFrames(int count) {
    await(count + " frames").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(received::size, size -> size >= count);
  }

  @Test
  void aNodeThatKeepsUpDeliversEveryTrade() {
    for (int seq = 1; seq <= 20; seq++) {
      int s = seq;
      on(() -> {
        vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", s));
        return Future.succeededFuture();
      });
      awaitFrames(seq);
    }
    assertThat(received).hasSize(20);
    assertThat(metrics.nodeConflated.count()).isZero();
  }

  @Test
  void aBurstOfTradesIsDeliveredWholeWhileTheLoopKeepsUp() {
    on(() -> {
      for (int seq = 1; seq <= 50; seq++) {
        vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", seq));
      }
      return Future.succeededFuture();
    });
    awaitFrames(50);
    assertThat(received).hasSize(50);
    assertThat(metrics.nodeConflated.count()).isZero();
  }

  @Test
  void aStalledLoopIsMeasuredAsLag() {
    on(() -> {
      // the stimulus, not a wait: this task holds the event loop for 300 ms, so the lag timer runs late
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Future.succeededFuture();
    });
    await("the lag timer measures the stall").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(() -> metrics.loopLag.max(TimeUnit.MILLISECONDS), max -> max > 150);
  }

  @Test
  void aNodeBehindItsBusInputSendsTheNewestTradeAndEveryBar() {
    on(() -> {
      // as measured by the lag timer when the loop runs tasks late; publications then arrive while it is behind
      hub.lagMeasured(250);
      for (int seq = 1; seq <= 100; seq++) {
        vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", seq));
        vertx.eventBus().publish(MarketAddresses.bar("1m", "AAPL"), event("bar", seq));
      }
      // bars wait in order and are never replaced: once this last one is out, everything published before it is too
      vertx.eventBus().publish(MarketAddresses.bar("1m", "AAPL"), event("end", 0));
      return Future.succeededFuture();
    });
    await("the last publication").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(() -> received.stream().anyMatch(f -> f.contains("\"type\":\"end\"")));
    List<JsonObject> frames = received.stream().map(JsonObject::new).toList();
    assertThat(frames).hasSize(102);
    assertThat(frames.stream().filter(f -> f.getString("type").equals("trade")).map(f -> f.getInteger("seq")))
        .containsExactly(100);
    assertThat(frames.stream().filter(f -> f.getString("type").equals("bar")).map(f -> f.getInteger("seq")))
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList());
    assertThat(metrics.nodeConflated.count()).isEqualTo(99);

    // caught up: trades flow one by one again
    received.clear();
    on(() -> {
      hub.lagMeasured(0);
      vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", 101));
      vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", 102));
      return Future.succeededFuture();
    });
    awaitFrames(2);
    assertThat(received).hasSize(2);
  }

  @Test
  void aNodeBehindFansOutInTasksOfBoundedSizeSoOtherTasksRunInBetween() {
    List<String> frames = new CopyOnWriteArrayList<>();
    SubscriptionHub small = on(() -> Future.succeededFuture(new SubscriptionHub(vertx, metrics, 100, 3, null)));
    // the first frame queues a task: it runs once the fan-out task that delivered the frame has made its 3 writes
    StreamSubscriber subscriber = (frame, key) -> {
      if (frames.isEmpty()) {
        vertx.runOnContext(v -> frames.add("other task"));
      }
      frames.add(new JsonObject(frame).getString("type") + new JsonObject(frame).getInteger("seq"));
    };
    on(() -> small.add(subscriber, MarketAddresses.bar("1m", "MSFT"), StreamChannel.BARS_1M, null));
    on(() -> {
      small.lagMeasured(250);
      for (int seq = 1; seq <= 8; seq++) {
        vertx.eventBus().publish(MarketAddresses.bar("1m", "MSFT"), event("bar", seq));
      }
      return Future.succeededFuture();
    });
    await("the last bar").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(() -> frames.contains("bar8"));
    assertThat(frames).containsExactly("bar1", "bar2", "bar3", "other task", "bar4", "bar5", "bar6", "bar7", "bar8");
    on(() -> {
      small.close();
      return Future.succeededFuture();
    });
  }

  @Test
  void eachPublicationIsEncodedOnceForAllItsSessions() {
    List<String> frames = new CopyOnWriteArrayList<>();
    StreamSubscriber second = (frame, key) -> frames.add(frame);
    on(() -> hub.add(second, MarketAddresses.trade("AAPL"), StreamChannel.TRADES, "AAPL"));
    on(() -> {
      vertx.eventBus().publish(MarketAddresses.trade("AAPL"), event("trade", 1));
      return Future.succeededFuture();
    });
    awaitFrames(1);
    await("the second session's frame").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(frames::size, size -> size == 1);
    // the same String instance: encoded once, not per session
    assertThat(frames.get(0)).isSameAs(received.get(0));
  }
}
