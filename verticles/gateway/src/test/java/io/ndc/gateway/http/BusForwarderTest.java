package io.ndc.gateway.http;

import static io.ndc.platform.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusForwarderTest {
  private Vertx vertx;
  private final Caller caller = new Caller("req-1", "u1", List.of("viewer"));

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Failure failureOf(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return (Failure) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void forwardsIdentityHeadersAndReturnsTheReply() throws Exception {
    vertx.eventBus().<JsonObject>consumer("ndc.test1.echo.get", m -> m.reply(new JsonObject()
        .put("req", m.headers().get("x-request-id")).put("user", m.headers().get("x-user-id")).put("roles", m.headers().get("x-roles"))));
    Object reply = new BusForwarder(vertx, 1000).request("ndc.test1.echo.get", new JsonObject(), caller)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(((JsonObject) reply).encode()).isEqualTo("{\"req\":\"req-1\",\"user\":\"u1\",\"roles\":\"viewer\"}");
  }

  @Test
  void businessFailuresPassThroughAndNeverOpenTheBreaker() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer("ndc.test2.thing.get", m -> {
      calls.incrementAndGet();
      m.fail(404, Failure.notFound("no such thing").toJson().encode());
    });
    BusForwarder forwarder = new BusForwarder(vertx, 1000);
    for (int i = 0; i < 10; i++) {
      assertThat(failureOf(forwarder.request("ndc.test2.thing.get", new JsonObject(), caller)).code())
          .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
    }
    assertThat(calls.get()).isEqualTo(10);
  }

  @Test
  void missingServiceIs503AndRepeatedOutagesOpenTheBreaker() throws Exception {
    // long enough that the open breaker is still open for the request right after the outage, short to wait out
    long resetTimeoutMs = 1_000;
    BusForwarder forwarder = new BusForwarder(vertx, 1000, resetTimeoutMs);
    Failure first = failureOf(forwarder.request("ndc.test3.thing.get", new JsonObject(), caller));
    assertThat(first.status()).isEqualTo(503);
    for (int i = 0; i < 5; i++) {
      failureOf(forwarder.request("ndc.test3.thing.get", new JsonObject(), caller));
    }
    // the service comes back, but the open breaker still answers at once until its reset timeout passes
    AtomicInteger served = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer("ndc.test3.thing.get", m -> {
      served.incrementAndGet();
      m.reply(new JsonObject());
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Failure open = failureOf(forwarder.request("ndc.test3.thing.get", new JsonObject(), caller));
    assertThat(open.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(open.getMessage()).contains("circuit open");
    assertThat(served.get()).as("the open breaker did not call the service").isZero();
    Object reply = await("the breaker lets a request through after its reset timeout")
        .atMost(Duration.ofMillis(resetTimeoutMs + 5_000))
        .until(() -> forwarder.request("ndc.test3.thing.get", new JsonObject(), caller)
            .otherwise(error -> error).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), r -> !(r instanceof Throwable));
    assertThat(reply).isEqualTo(new JsonObject());
  }

  @Test
  void slowServicesTimeOutWith504() throws Exception {
    vertx.eventBus().<JsonObject>consumer("ndc.test4.slow.get", m -> vertx.setTimer(2000, t -> m.reply(new JsonObject())));
    assertThat(failureOf(new BusForwarder(vertx, 200).request("ndc.test4.slow.get", new JsonObject(), caller)).code())
        .isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
  }
}
