package io.ndc.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delay-queue topology on the real broker: a failed attempt comes back after its delay, an exhausted one is dead. */
class RetryQueuesTest {
  private static final RetryPolicy FAST = new RetryPolicy(3, 100, 2, 1_000);

  private Vertx vertx;
  private RetryQueues queues;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    JsonObject config = TestConfig.forDatabase("unused");
    String prefix = "test.retry." + UUID.randomUUID().toString().substring(0, 8);
    queues = new RetryQueues(RabbitClients.create(vertx, config), prefix, ".work", FAST, 4);
    queues.start().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    queues.deleteQueues().compose(v -> queues.stop()).await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailingMessageIsRetriedThroughTheDelayQueuesThenDead() throws Exception {
    assertThat(queues.queues()).containsExactlyInAnyOrder(queues.workQueue(), queues.deadQueue(),
        queues.workQueue().replace(".work", ".wait"), queues.workQueue().replace(".work", ".retry.1"),
        queues.workQueue().replace(".work", ".retry.2"));
    List<Long> seenAt = new CopyOnWriteArrayList<>();
    queues.consume((RabbitMQMessage delivery) -> {
      JsonObject message = delivery.body().toJsonObject();
      int attempt = message.getInteger("attempt");
      seenAt.add(System.nanoTime());
      (FAST.exhausted(attempt)
          ? queues.publishDead(message.put("error", "gave up"))
          : queues.publishRetry(message.put("attempt", attempt + 1), attempt, FAST.delayMs(attempt)))
          .compose(v -> queues.ack(delivery));
    }).await(10, TimeUnit.SECONDS);
    queues.publish(new JsonObject().put("attempt", 1)).await(10, TimeUnit.SECONDS);

    Waits.await("the message dead after three attempts").atMost(Duration.ofSeconds(10))
        .until(() -> queues.messageCount(queues.deadQueue()).await(5, TimeUnit.SECONDS) == 1L);
    assertThat(seenAt).hasSize(3);
    // attempt 1 waits at least 50 ms (half of 100), attempt 2 at least 100 ms (half of 200)
    assertThat(TimeUnit.NANOSECONDS.toMillis(seenAt.get(1) - seenAt.get(0))).isGreaterThanOrEqualTo(50);
    assertThat(TimeUnit.NANOSECONDS.toMillis(seenAt.get(2) - seenAt.get(1))).isGreaterThanOrEqualTo(100);
  }

  @Test
  void aWaitComesBackWithoutCountingAnAttempt() throws Exception {
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    queues.consume(delivery -> {
      JsonObject message = delivery.body().toJsonObject();
      seen.add(message);
      if (message.getBoolean("waited", false)) {
        queues.ack(delivery);
      } else {
        queues.publishWait(message.put("waited", true), 50).compose(v -> queues.ack(delivery));
      }
    }).await(10, TimeUnit.SECONDS);
    queues.publish(new JsonObject().put("n", 1)).await(10, TimeUnit.SECONDS);
    Waits.await("the waited message back on the work queue").atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
    assertThat(seen.get(1).getBoolean("waited")).isTrue();
  }
}
