package io.ndc.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.BusHeaders;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HandlersTest {

  private record Greeting(String name) {
    static Greeting fromJson(JsonObject json) {
      String name = json.getString("name");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name is required");
      }
      return new Greeting(name);
    }
  }

  @Test
  void repliesWithTheResultAndSeesTheCaller(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer("test.greet", Handlers.request(r -> Future.succeededFuture(
        new JsonObject().put("hello", r.body().getString("name")).put("user", r.userId()).put("roles", new JsonArray(r.roles())))));
    DeliveryOptions headers = new DeliveryOptions().addHeader(BusHeaders.USER_ID, "u1").addHeader(BusHeaders.ROLES, "viewer,admin");
    vertx.eventBus().<JsonObject>request("test.greet", new JsonObject().put("name", "ann"), headers)
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.body().encode()).isEqualTo("{\"hello\":\"ann\",\"user\":\"u1\",\"roles\":[\"viewer\",\"admin\"]}");
          ctx.completeNow();
        })));
  }

  @Test
  void decoderRejectionsAre400AndFailuresKeepTheirStatus(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer("test.typed", Handlers.typed(Greeting::fromJson, g ->
        g.name().equals("missing") ? Future.failedFuture(Failure.notFound("no " + g.name())) : Future.succeededFuture(new JsonObject())));
    vertx.eventBus().request("test.typed", new JsonObject())
        .recover(e -> {
          ctx.verify(() -> {
            assertThat(((ReplyException) e).failureCode()).isEqualTo(400);
            assertThat(Failure.from(e).getMessage()).isEqualTo("name is required");
          });
          return vertx.eventBus().request("test.typed", new JsonObject().put("name", "missing"));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.from(e).code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
          assertThat(((ReplyException) e).failureCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedByJsonTypesNotJavaClasses() {
    Failure wrongType = Handlers.toFailure(catchCast(() -> new JsonObject().put("n", "x").getInteger("n")));
    assertThat(wrongType.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(wrongType.getMessage()).isEqualTo("a field holds text where a number is expected");
    assertThat(Handlers.toFailure(catchCast(() -> new JsonObject().put("o", 5).getJsonObject("o"))).getMessage())
        .isEqualTo("a field holds a number where an object is expected");
    assertThat(Handlers.toFailure(new NullPointerException("Cannot invoke \"String.trim()\" because \"x\" is null"))
        .getMessage()).isEqualTo("a required field is missing or null");
  }

  private static ClassCastException catchCast(Runnable action) {
    try {
      action.run();
    } catch (ClassCastException e) {
      return e;
    }
    throw new AssertionError("expected a ClassCastException");
  }

  @Test
  void unexpectedErrorsAre500WithoutDetails(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer("test.boom", Handlers.json(body -> {
      throw new IllegalStateException("database password is hunter2");
    }));
    vertx.eventBus().request("test.boom", new JsonObject()).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(((ReplyException) e).failureCode()).isEqualTo(500);
      assertThat(e.getMessage()).doesNotContain("hunter2");
      ctx.completeNow();
    })));
  }
}
