package io.ndc.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.BusHeaders;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.NotifyAddresses;
import io.ndc.contract.market.TradeEvent;
import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.notification.NotificationService;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules evaluated on live trades published on the bus, triggers and deliveries in PostgreSQL, the delivery queue and
 * its delay queues in RabbitMQ, webhooks to receivers in this test that verify every signature: one that fails until
 * it recovers, one that never does (dead, then replayed), and push to the user's alert address.
 */
class DeliveryPipelineTest {
  private static final String DB = TestConfig.uniqueDatabase("notify_delivery");
  private static final String USER = "user-" + UUID.randomUUID();
  private static Vertx vertx;
  private static HttpServer receiver;
  private static int port;
  /** path → requests {headers, body} */
  private static final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
  private static final Map<String, String> secrets = new ConcurrentHashMap<>();
  private static final AtomicInteger flakyFailures = new AtomicInteger(2);
  private static final AtomicBoolean downRecovered = new AtomicBoolean(false);
  private static final AtomicInteger seq = new AtomicInteger();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      String id = request.getHeader("webhook-id");
      long ts = Long.parseLong(request.getHeader("webhook-timestamp"));
      String expected = WebhookSigner.sign(secrets.get(path), id, ts, body.toString());
      received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new JsonObject().put("id", id)
          .put("signature_ok", expected.equals(request.getHeader("webhook-signature")))
          .put("skew_s", Math.abs(Instant.now().getEpochSecond() - ts)).put("body", body.toJsonObject()));
      int status = switch (path) {
        case "/flaky" -> flakyFailures.getAndDecrement() > 0 ? 500 : 204;
        case "/down" -> downRecovered.get() ? 200 : 503;
        default -> 200;
      };
      request.response().setStatusCode(status).end();
    })).listen(0, "127.0.0.1").await();
    port = receiver.actualPort();
    JsonObject config = TestConfig.forDatabase(DB).put("notification", new JsonObject()
        .put("queue_prefix", "test." + DB)
        // retries in a tenth of a second so the test sees a delivery go dead
        .put("retry", new JsonObject().put("max_attempts", 3).put("first_delay_ms", 100).put("max_delay_ms", 400)));
    vertx.deployVerticle(new NotificationService(), new DeploymentOptions().setConfig(config)).await();
  }

  @AfterAll
  static void stop() {
    DeliveryQueue queue = new DeliveryQueue(vertx, TestConfig.forDatabase(DB).put("notification", new JsonObject().put("queue_prefix", "test." + DB)
        .put("retry", new JsonObject().put("max_attempts", 3))));
    queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()).await();
    vertx.close().await();
    TestConfig.dropDatabase(DB);
  }

  private static JsonObject request(String address, JsonObject body) {
    return request(USER, address, body);
  }

  private static JsonObject request(String user, String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().addHeader(BusHeaders.USER_ID, user)
        .addHeader(BusHeaders.ROLES, "viewer")).await().body();
  }

  private static String webhook(String path) {
    JsonObject channel = request(NotificationAddresses.CHANNELS_CREATE, new JsonObject().put("type", "webhook").put("name", path)
        .put("url", "http://127.0.0.1:" + port + path));
    secrets.put(path, channel.getString("secret"));
    return channel.getString("id");
  }

  private static JsonObject rule(String symbol, String mode, JsonArray channels) {
    JsonObject rule = request(NotificationAddresses.RULES_CREATE, new JsonObject().put("name", symbol + " over 100")
        .put("type", "PRICE_ALERT").put("symbol", symbol).put("mode", mode)
        .put("condition", new JsonObject().put("op", "gte").put("value", 100)).put("channels", channels));
    // the evaluator subscribes once it has reloaded: wait for its consumer on the symbol's trades
    Waits.await("the evaluator watching " + symbol).atMost(Duration.ofSeconds(10))
        .until(() -> watching(symbol));
    return rule;
  }

  private static boolean watching(String symbol) {
    return vertx.eventBus().<JsonObject>request(MarketAddresses.trade(symbol), new JsonObject(), new DeliveryOptions().setSendTimeout(200))
        .transform(ar -> io.vertx.core.Future.succeededFuture(!(ar.cause() instanceof ReplyException r)
            || r.failureType() != io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS)).await();
  }

  private static void trade(String symbol, double price, String ts, long seq) {
    vertx.eventBus().publish(MarketAddresses.trade(symbol), new TradeEvent(symbol, price, 10, ts, seq).toJson());
  }

  private static JsonArray deliveries(String ruleId) {
    return request(NotificationAddresses.DELIVERIES_LIST, new JsonObject().put("id", ruleId)).getJsonArray("items");
  }

  @Test
  void aFlakyReceiverGetsTheSameSignedWebhookUntilItAccepts() {
    String flaky = webhook("/flaky");
    JsonObject rule = rule("FLAKY", "once", new JsonArray().add(flaky));
    trade("FLAKY", 99, Instant.now().toString(), seq.incrementAndGet());
    trade("FLAKY", 101, Instant.now().toString(), seq.incrementAndGet());
    JsonObject delivery = Waits.until(Waits.await("the flaky webhook delivered").atMost(Duration.ofSeconds(15)),
        () -> deliveries(rule.getString("id")), d -> d.size() == 1 && "delivered".equals(d.getJsonObject(0).getString("status")),
        JsonArray::encode).getJsonObject(0);
    List<JsonObject> calls = received.get("/flaky");
    assertThat(calls).hasSize(3);
    assertThat(calls).allSatisfy(c -> {
      assertThat(c.getBoolean("signature_ok")).isTrue();
      assertThat(c.getString("id")).isEqualTo(delivery.getString("id"));
      assertThat(c.getLong("skew_s")).isLessThan(300);
    });
    JsonObject data = calls.get(0).getJsonObject("body").getJsonObject("data");
    assertThat(calls.get(0).getJsonObject("body").getString("type")).isEqualTo("alert.triggered");
    assertThat(data.getString("rule_id")).isEqualTo(rule.getString("id"));
    assertThat(data.getString("symbol")).isEqualTo("FLAKY");
    assertThat(data.getDouble("value")).isEqualTo(101.0);
    assertThat(data.getString("id")).isEqualTo(delivery.getString("trigger_id"));
    assertThat(delivery.getJsonArray("attempts").stream().map(a -> ((JsonObject) a).getInteger("status_code")).toList())
        .containsExactly(500, 500, 204);
    assertThat(delivery.getJsonArray("attempts").getJsonObject(0).getLong("duration_ms")).isNotNull();

    // a once-rule has fired: it says so, and the next trade over the value makes nothing
    JsonObject fired = request(NotificationAddresses.RULES_GET, new JsonObject().put("id", rule.getString("id")));
    assertThat(fired.getString("state")).isEqualTo("triggered");
    assertThat(fired.getLong("trigger_count")).isEqualTo(1);
    assertThat(fired.getString("last_triggered_at")).isNotNull();
  }

  @Test
  void aReceiverThatNeverAcceptsMakesTheDeliveryDeadAndAReplaySendsItAgain() {
    String down = webhook("/down");
    JsonObject rule = rule("DOWN", "once", new JsonArray().add(down));
    trade("DOWN", 150, Instant.now().toString(), seq.incrementAndGet());
    JsonObject dead = Waits.until(Waits.await("the delivery dead after 3 attempts").atMost(Duration.ofSeconds(15)),
        () -> deliveries(rule.getString("id")), d -> d.size() == 1 && "dead".equals(d.getJsonObject(0).getString("status")),
        JsonArray::encode).getJsonObject(0);
    assertThat(dead.getJsonArray("attempts")).hasSize(3);
    assertThat(dead.getJsonArray("attempts").getJsonObject(2).getInteger("status_code")).isEqualTo(503);

    downRecovered.set(true);
    JsonObject replayed = request(NotificationAddresses.DELIVERIES_REPLAY, new JsonObject().put("id", dead.getString("id")));
    assertThat(replayed.getString("id")).isEqualTo(dead.getString("id"));
    JsonObject delivered = Waits.until(Waits.await("the replayed delivery delivered").atMost(Duration.ofSeconds(15)),
        () -> deliveries(rule.getString("id")).getJsonObject(0), d -> "delivered".equals(d.getString("status")), JsonObject::encode);
    assertThat(delivered.getJsonArray("attempts")).hasSize(4);
    assertThat(received.get("/down")).hasSize(4).allSatisfy(c -> {
      assertThat(c.getString("id")).isEqualTo(dead.getString("id"));
      assertThat(c.getBoolean("signature_ok")).isTrue();
    });
    assertThat(vertx.eventBus().request(NotificationAddresses.DELIVERIES_REPLAY, new JsonObject().put("id", dead.getString("id")),
        new DeliveryOptions().addHeader(BusHeaders.USER_ID, USER)).transform(ar -> io.vertx.core.Future.succeededFuture(
            ((ReplyException) ar.cause()).failureCode())).await()).as("only a dead delivery is replayed").isEqualTo(409);
    assertThat(vertx.eventBus().request(NotificationAddresses.DELIVERIES_REPLAY, new JsonObject().put("id", dead.getString("id")),
        new DeliveryOptions().addHeader(BusHeaders.USER_ID, "someone-else")).transform(ar -> io.vertx.core.Future.succeededFuture(
            ((ReplyException) ar.cause()).failureCode())).await()).as("another user's delivery").isEqualTo(404);
  }

  @Test
  void pushGoesToTheUsersAlertAddressAndTheSameTradeFiresOnce() {
    List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.alert(USER), m -> alerts.add(m.body())).completion().await();
    JsonObject rule = rule("PUSHY", "every", new JsonArray().add("push"));
    String ts = Instant.now().toString();
    long same = seq.incrementAndGet();
    trade("PUSHY", 120, ts, same);
    trade("PUSHY", 120, ts, same); // the same trade again (a redelivery): the same trigger id, nothing new
    trade("PUSHY", 121, Instant.now().plusMillis(1).toString(), seq.incrementAndGet());
    Waits.await("two alerts pushed").atMost(Duration.ofSeconds(10)).until(() -> alerts.size() >= 2
        && deliveries(rule.getString("id")).stream().allMatch(d -> "delivered".equals(((JsonObject) d).getString("status"))));
    JsonArray all = deliveries(rule.getString("id"));
    assertThat(all).hasSize(2);
    assertThat(alerts).hasSize(2);
    JsonObject alert = alerts.get(0);
    assertThat(alert.fieldNames()).containsExactlyInAnyOrder("type", "rule_id", "symbol", "message", "ts");
    assertThat(alert.getString("type")).isEqualTo("alert");
    assertThat(alert.getString("rule_id")).isEqualTo(rule.getString("id"));
    assertThat(alert.getString("message")).startsWith("PUSHY over 100: price ");
    assertThat(alerts.stream().map(a -> a.getString("message")).toList()).as("deliveries run in parallel, in any order")
        .containsExactlyInAnyOrder("PUSHY over 100: price 120 gte 100", "PUSHY over 100: price 121 gte 100");
    assertThat(request(NotificationAddresses.RULES_GET, new JsonObject().put("id", rule.getString("id"))).getLong("trigger_count"))
        .isEqualTo(2);
  }

  @Test
  void systemRulesFireOncePerJobAndEventOfTheirCollector() {
    List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    String user = "ops-" + UUID.randomUUID();
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.alert(user), m -> alerts.add(m.body())).completion().await();
    JsonObject rule = request(user, NotificationAddresses.RULES_CREATE, new JsonObject().put("name", "dead jobs")
        .put("type", "SYSTEM").put("mode", "every").put("channels", new JsonArray().add("push"))
        .put("condition", new JsonObject().put("events", new JsonArray().add("job.dead")).put("collector_id", "c-1")));
    io.ndc.contract.collector.JobEvent dead = new io.ndc.contract.collector.JobEvent("job.dead", "j-1", "c-1", "dead", 5,
        new JsonObject(), "gave up", Instant.now());
    io.ndc.contract.collector.JobEvent otherCollector = new io.ndc.contract.collector.JobEvent("job.dead", "j-2", "c-2", "dead", 5,
        new JsonObject(), "gave up", Instant.now());
    io.ndc.contract.collector.JobEvent succeeded = new io.ndc.contract.collector.JobEvent("job.succeeded", "j-3", "c-1", "succeeded",
        1, new JsonObject(), null, Instant.now());
    for (io.ndc.contract.collector.JobEvent event : List.of(otherCollector, succeeded, dead, dead)) {
      vertx.eventBus().publish(io.ndc.contract.collector.CollectorAddresses.JOB_EVENTS, event.toJson());
    }
    JsonArray delivered = Waits.until(Waits.await("the dead job pushed").atMost(Duration.ofSeconds(10)),
        () -> request(user, NotificationAddresses.DELIVERIES_LIST, new JsonObject().put("id", rule.getString("id"))).getJsonArray("items"),
        d -> d.size() == 1 && "delivered".equals(d.getJsonObject(0).getString("status")), JsonArray::encode);
    assertThat(delivered.getJsonObject(0).getString("trigger_id")).isEqualTo(rule.getString("id") + ":job:j-1:job.dead");
    Waits.await("the alert frame").atMost(Duration.ofSeconds(5)).until(() -> !alerts.isEmpty());
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getString("message")).isEqualTo("dead jobs: job j-1 of collector c-1 dead: gave up");
  }
}
