package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TcpProxy;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis and RabbitMQ going away under a running node and coming back: the node reaches them through relays the test
 * can cut, so the real servers other tests use stay up. Readiness must name what is down while liveness stays 200,
 * and everything must heal without a restart.
 */
class DependencyOutageTest {
  private static Vertx proxies;
  private static TcpProxy redis;
  private static TcpProxy rabbit;
  private static InProcessNode node;

  @BeforeAll
  static void start() throws Exception {
    proxies = Vertx.vertx();
    redis = new TcpProxy(proxies, "127.0.0.1", 6379);
    rabbit = new TcpProxy(proxies, "127.0.0.1", 5672);
    await(redis.up());
    await(rabbit.up());
    node = InProcessNode.start(List.of(ServiceName.GATEWAY, ServiceName.NOTIFICATION), new JsonObject()
        .put("redis", new JsonObject().put("url", "redis://127.0.0.1:" + redis.port()))
        .put("amqp", new JsonObject().put("url", "amqp://guest:guest@127.0.0.1:" + rabbit.port()).put("reconnect_interval_ms", 300))
        .put("gateway", new JsonObject().put("ready_services", new io.vertx.core.json.JsonArray().add("gateway").add("notification"))));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    await(proxies.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return await(node.http().get(path).send());
  }

  /** Polls /ready until the predicate holds and returns that response; fails with the last one after the timeout. */
  private static HttpResponse<Buffer> readyUntil(Predicate<HttpResponse<Buffer>> condition, long timeoutMs) {
    return Waits.until(Waits.await("/ready to change").atMost(Duration.ofMillis(timeoutMs)).pollInterval(Duration.ofMillis(250)),
        () -> get("/ready"), condition, r -> r.statusCode() + " " + r.bodyAsString());
  }

  @Test
  void redisAndRabbitOutagesShowInReadinessOnlyAndHealByThemselves() throws Exception {
    assertThat(readyUntil(r -> r.statusCode() == 200, 10_000).statusCode()).isEqualTo(200);

    await(redis.down());
    HttpResponse<Buffer> redisDown = readyUntil(r -> r.statusCode() == 503, 15_000);
    assertThat(redisDown.statusCode()).isEqualTo(503);
    JsonObject error = redisDown.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(error.getString("message")).contains("gateway (redis");
    assertThat(get("/health").statusCode()).isEqualTo(200);

    await(rabbit.down());
    HttpResponse<Buffer> bothDown = readyUntil(r -> r.bodyAsString().contains("notification (rabbitmq"), 15_000);
    assertThat(bothDown.statusCode()).isEqualTo(503);
    assertThat(bothDown.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("gateway (redis", "notification (rabbitmq");
    assertThat(get("/health").statusCode()).isEqualTo(200);

    await(redis.up());
    await(rabbit.up());
    HttpResponse<Buffer> healed = readyUntil(r -> r.statusCode() == 200, 30_000);
    assertThat(healed.statusCode()).as(healed.bodyAsString()).isEqualTo(200);
  }
}
