package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One connection's way out while its socket keeps up and while its write queue is full. */
class OutboundQueueTest {
  /** Long enough that the queue's periodic tick (a quarter of it) never runs during a test. */
  private static final long SLOW_TIMEOUT_MS = 600_000;

  private Vertx vertx;
  private StreamMetrics metrics;
  private final List<String> written = new ArrayList<>();
  private boolean socketFull;
  private int fullChecks;
  private Handler<Void> drainHandler;
  private OutboundQueue out;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    metrics = StreamMetrics.forNode(new SimpleMeterRegistry(), "queue-test-" + UUID.randomUUID());
    out = new OutboundQueue(vertx, socket(), metrics, false, 50, 100, SLOW_TIMEOUT_MS);
  }

  @AfterEach
  void stop() {
    out.close();
    vertx.close().await();
  }

  /** A socket that records what is written and whose write queue is full while {@link #socketFull} is set. */
  @SuppressWarnings("unchecked")
  private ServerWebSocket socket() {
    return (ServerWebSocket) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerWebSocket.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "writeTextMessage" -> {
            written.add((String) args[0]);
            yield Future.succeededFuture();
          }
          case "writeQueueFull" -> {
            fullChecks++;
            yield socketFull;
          }
          case "drainHandler" -> {
            drainHandler = (Handler<Void>) args[0];
            yield proxy;
          }
          default -> method.getReturnType() == boolean.class ? false : method.getReturnType().isInstance(proxy) ? proxy : null;
        });
  }

  @Test
  void whileTheSocketIsFullTradesAreConflatedToTheNewestPerSymbolAndSentWhenItDrains() {
    out.event("t1", "AAPL");
    socketFull = true; // the next write fills the socket's queue
    out.event("t2", "AAPL");
    out.event("t3", "AAPL");
    out.event("m1", "MSFT");
    out.event("t4", "AAPL");
    out.event("bar", null);
    assertThat(written).containsExactly("t1", "t2");
    assertThat(out.behind()).isTrue();
    assertThat(metrics.conflated.count()).isEqualTo(1);

    socketFull = false;
    drainHandler.handle(null);
    // the backlog (never conflated) first, then the newest trade of each symbol
    assertThat(written).containsExactly("t1", "t2", "bar", "t4", "m1");
    assertThat(out.behind()).isFalse();
    out.event("t5", "AAPL");
    assertThat(written).endsWith("t5");
  }

  @Test
  void theSocketIsAskedWhetherItIsFullOncePerWriteAndNotWhileItIsKnownFull() {
    for (int i = 0; i < 10; i++) {
      out.event("t" + i, "AAPL");
    }
    assertThat(fullChecks).isEqualTo(10);
    socketFull = true;
    out.event("filling", "AAPL");
    for (int i = 0; i < 10; i++) {
      out.event("c" + i, "MSFT");
    }
    assertThat(fullChecks).isEqualTo(11);
    assertThat(written).hasSize(11);
  }
}
