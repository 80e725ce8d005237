package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification resources on the real path: gateway rows, the bus, the notification service on its own schema
 * (Flyway) in PostgreSQL, and the analysis service checking INDICATOR_ALERT expressions over the bus.
 */
class NotificationApiTest {
  private static final String DB = TestConfig.uniqueDatabase("notify_api");
  private static TestNode node;
  private static JsonObject alice;
  private static JsonObject bob;
  private static String admin;

  @BeforeAll
  static void start() {
    JsonObject config = TestNode.config(DB);
    // this test makes many requests per user in a burst; rate limits have their own tests
    config.getJsonObject("gateway").put("rate_limit", new JsonObject().put("enabled", false));
    config.put("notification", new JsonObject().put("queue_prefix", "test." + DB));
    node = TestNode.start(config, ServiceName.STORAGE, ServiceName.ANALYSIS, ServiceName.NOTIFICATION);
    alice = TestUsers.create(node, "viewer");
    bob = TestUsers.create(node, "viewer");
    admin = TestUsers.adminToken(node);
  }

  @AfterAll
  static void stop() {
    io.ndc.notification.delivery.DeliveryQueue queue = new io.ndc.notification.delivery.DeliveryQueue(node.vertx, node.config);
    queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()).await();
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static String token(JsonObject user) {
    return user.getString("access_token");
  }

  static JsonObject data(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject().getJsonObject("data");
  }

  static String error(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    return body.getJsonObject("error").getString("code") + ": " + body.getJsonObject("error").getString("message");
  }

  private static HttpResponse<Buffer> post(String path, JsonObject user, JsonObject body) {
    return node.post("/api/v1" + path, token(user), body);
  }

  private static JsonObject priceRule(String channel) {
    return new JsonObject().put("name", "AAPL over 200").put("type", "PRICE_ALERT").put("symbol", "aapl")
        .put("condition", new JsonObject().put("op", "gte").put("value", 200))
        .put("channels", channel == null ? new JsonArray() : new JsonArray().add(channel).add("push"));
  }

  @Test
  void channelsAreTheirOwnersAndAWebhookSecretIsShownOnce() {
    JsonObject hook = data(post("/channels", alice, new JsonObject().put("type", "webhook").put("name", "mine")
        .put("url", "https://example.test/hook")), 201);
    assertThat(hook.getString("secret")).startsWith("whsec_");
    JsonObject mail = data(post("/channels", alice, new JsonObject().put("type", "email").put("name", "me")
        .put("address", "alice@example.test")), 201);
    JsonArray listed = data(node.get("/api/v1/channels", token(alice)), 200).getJsonArray("items");
    assertThat(listed.getJsonObject(0).getString("id")).isEqualTo("push");
    assertThat(listed.stream().map(c -> ((JsonObject) c).getString("id")).toList())
        .containsExactly("push", hook.getString("id"), mail.getString("id"));
    assertThat(listed.encode()).doesNotContain("whsec_").doesNotContain("secret");
    assertThat(data(node.get("/api/v1/channels", token(bob)), 200).getJsonArray("items").encode())
        .doesNotContain(hook.getString("id")).doesNotContain(mail.getString("id"));
    assertThat(data(node.get("/api/v1/channels?limit=1000", admin), 200).getJsonArray("items").encode())
        .contains(hook.getString("id"));

    assertThat(error(post("/channels", alice, new JsonObject().put("type", "webhook").put("name", "x").put("url", "ftp://h/x")), 400))
        .contains("VALIDATION_ERROR").contains("http or https");
    assertThat(error(post("/channels", alice, new JsonObject().put("type", "webhook").put("name", "x").put("url", "not a url")), 400))
        .contains("url");
    assertThat(error(post("/channels", alice, new JsonObject().put("type", "email").put("name", "x").put("address", "nope")), 400))
        .contains("e-mail");
    assertThat(error(post("/channels", alice, new JsonObject().put("type", "sms").put("name", "x")), 400)).contains("'sms'");
    assertThat(error(post("/channels", alice, new JsonObject().put("type", "push").put("name", "x")), 400)).contains("push");
    assertThat(error(node.get("/api/v1/channels", null), 401)).contains("AUTHENTICATION_ERROR");
  }

  @Test
  void rulesOfEveryTypeAreCheckedAndBelongToTheirOwner() {
    String hook = data(post("/channels", alice, new JsonObject().put("type", "webhook").put("name", "h")
        .put("url", "http://127.0.0.1:1/hook")), 201).getString("id");
    JsonObject rule = data(post("/notifications", alice, priceRule(hook)), 201);
    assertThat(rule.getString("symbol")).isEqualTo("AAPL");
    assertThat(rule.getString("state")).isEqualTo("active");
    assertThat(rule.getString("mode")).isEqualTo("once");
    assertThat(rule.getLong("trigger_count")).isZero();
    assertThat(rule.getValue("last_triggered_at")).isNull();
    String id = rule.getString("id");

    List<JsonObject> good = List.of(
        new JsonObject().put("name", "move").put("type", "PERCENT_CHANGE").put("symbol", "MSFT").put("mode", "every")
            .put("cooldown_s", 60).put("condition", new JsonObject().put("pct", 2.5).put("window", "1h")),
        new JsonObject().put("name", "volume").put("type", "VOLUME_ALERT").put("symbol", "MSFT")
            .put("condition", new JsonObject().put("interval", "1m").put("k", 3).put("n", 20)),
        new JsonObject().put("name", "rsi").put("type", "INDICATOR_ALERT").put("symbol", "NVDA")
            .put("expires_at", "2099-01-01T00:00:00Z")
            .put("condition", new JsonObject().put("interval", "daily").put("expression", "rsi(close, 14) > 70")),
        new JsonObject().put("name", "jobs").put("type", "SYSTEM")
            .put("condition", new JsonObject().put("events", new JsonArray().add("job.dead"))));
    for (JsonObject body : good) {
      JsonObject created = data(post("/notifications", alice, body), 201);
      assertThat(created.getString("type")).isEqualTo(body.getString("type"));
    }
    JsonObject percent = data(post("/notifications", alice, good.get(0)), 201);
    assertThat(percent.getJsonObject("condition").getString("direction")).as("default direction").isEqualTo("any");

    record Bad(JsonObject body, String says) {
    }
    List<Bad> bad = List.of(
        new Bad(priceRule(null).put("type", "PRICE_ALARM"), "unknown rule type 'PRICE_ALARM'"),
        new Bad(priceRule(null).put("condition", new JsonObject().put("op", "gt").put("value", 1)), "condition.op 'gt'"),
        new Bad(priceRule(null).put("condition", new JsonObject().put("op", "gte")), "condition.value is required"),
        new Bad(priceRule(null).put("condition", new JsonObject().put("op", "gte").put("value", "lots")), "condition.value must be a number"),
        new Bad(priceRule(null).remove("condition") == null ? null : priceRule(null).put("condition", "gte 200"), "'condition' must be an object"),
        new Bad(priceRule(null).put("symbol", "bad symbol!"), "symbol"),
        new Bad(new JsonObject().put("name", "n").put("type", "PRICE_ALERT").put("condition", new JsonObject().put("op", "gte").put("value", 1)), "symbol"),
        new Bad(priceRule(null).put("mode", "twice"), "'mode' must be once or every"),
        new Bad(priceRule(null).put("cooldown_s", -5), "cooldown_s"),
        new Bad(priceRule(null).put("expires_at", "tomorrow"), "expires_at"),
        new Bad(priceRule(null).put("channels", new JsonArray().add("sms")), "channel 'sms'"),
        new Bad(priceRule(null).remove("name") == null ? null : priceRule(null).putNull("name"), "'name' is required"),
        new Bad(good.get(0).copy().put("condition", new JsonObject().put("pct", 2).put("window", "2h")), "condition.window '2h'"),
        new Bad(good.get(0).copy().put("condition", new JsonObject().put("pct", -1).put("window", "1h")), "condition.pct must be a positive"),
        new Bad(good.get(0).copy().put("condition", new JsonObject().put("pct", 1).put("window", "1h").put("direction", "sideways")), "condition.direction"),
        new Bad(good.get(1).copy().put("condition", new JsonObject().put("interval", "2m").put("k", 3).put("n", 20)), "unknown interval '2m'"),
        new Bad(good.get(1).copy().put("condition", new JsonObject().put("interval", "1m").put("k", 3).put("n", 2.5)), "condition.n must be a whole number"),
        new Bad(good.get(1).copy().put("condition", new JsonObject().put("interval", "1m").put("n", 5)), "condition.k is required"),
        new Bad(good.get(2).copy().put("condition", new JsonObject().put("interval", "daily").put("expression", "rsi(close, 14 > ")), "condition.expression"),
        new Bad(good.get(2).copy().put("condition", new JsonObject().put("interval", "daily").put("expression", "smaa(close, 3) > 1")), "'smaa'"),
        new Bad(good.get(2).copy().put("condition", new JsonObject().put("interval", "daily")), "condition.expression is required"),
        new Bad(good.get(3).copy().put("condition", new JsonObject().put("events", new JsonArray().add("job.lost"))), "unknown event 'job.lost'"),
        new Bad(good.get(3).copy().put("condition", new JsonObject().put("events", new JsonArray())), "condition.events is required"),
        new Bad(good.get(3).copy().put("symbol", "AAPL"), "SYSTEM rules take no symbol"),
        new Bad(priceRule(null).put("template_id", "b1b1b1b1-0000-0000-0000-000000000000"), "is not one of your templates"));
    for (Bad b : bad) {
      assertThat(error(post("/notifications", alice, b.body()), 400)).as(b.body().encode()).contains("VALIDATION_ERROR").contains(b.says());
    }
    String bobsHook = data(post("/channels", bob, new JsonObject().put("type", "webhook").put("name", "b")
        .put("url", "https://bob.test/h")), 201).getString("id");
    assertThat(error(post("/notifications", alice, priceRule(bobsHook)), 400)).contains(bobsHook).contains("not one of your channels");

    // ownership: another user's rule is 404 everywhere; admin sees and edits it
    String path = "/api/v1/notifications/" + id;
    assertThat(error(node.get(path, token(bob)), 404)).contains("RESOURCE_NOT_FOUND");
    assertThat(error(node.call(HttpMethod.PATCH, path, token(bob), new JsonObject().put("enabled", false)), 404)).contains("RESOURCE_NOT_FOUND");
    assertThat(error(node.call(HttpMethod.DELETE, path, token(bob), null), 404)).contains("RESOURCE_NOT_FOUND");
    assertThat(error(node.get(path + "/deliveries", token(bob)), 404)).contains("RESOURCE_NOT_FOUND");
    assertThat(error(node.get("/api/v1/notifications/not-an-id", token(alice)), 404)).contains("RESOURCE_NOT_FOUND");
    assertThat(data(node.get("/api/v1/notifications", token(bob)), 200).getJsonArray("items")).isEmpty();
    assertThat(data(node.get(path, admin), 200).getString("id")).isEqualTo(id);
    assertThat(data(node.get("/api/v1/notifications?limit=1000", admin), 200).getJsonArray("items").encode()).contains(id);

    JsonObject paused = data(node.call(HttpMethod.PATCH, path, token(alice), new JsonObject().put("enabled", false)), 200);
    assertThat(paused.getString("state")).isEqualTo("paused");
    assertThat(paused.getJsonObject("condition").getDouble("value")).as("untouched fields kept").isEqualTo(200.0);
    assertThat(error(node.call(HttpMethod.PATCH, path, token(alice), new JsonObject().put("condition",
        new JsonObject().put("op", "above"))), 400)).contains("condition.op");
    JsonObject edited = data(node.call(HttpMethod.PATCH, path, admin, new JsonObject().put("enabled", true).put("name", "by admin")), 200);
    assertThat(edited.getString("state")).isEqualTo("active");
    assertThat(edited.getString("user_id")).as("admin edits keep the owner").isEqualTo(alice.getString("id"));
    assertThat(data(node.get(path + "/deliveries", token(alice)), 200).getJsonArray("items")).isEmpty();
    assertThat(data(node.call(HttpMethod.DELETE, path, token(alice), null), 200).getBoolean("deleted")).isTrue();
    assertThat(error(node.get(path, token(alice)), 404)).contains("RESOURCE_NOT_FOUND");
  }

  @Test
  void templatesAreCheckedOnSaveAndBuiltInsExistForEveryTypeAndChannel() {
    JsonObject template = data(post("/templates", alice, new JsonObject().put("type", "PRICE_ALERT").put("channel", "email")
        .put("subject", "{{rule.name}}: {{symbol}}").put("body", "{{symbol}} at {{value}} {{#rule}}({{name}}){{/rule}}")), 201);
    String id = template.getString("id");
    JsonObject listed = data(node.get("/api/v1/templates", token(alice)), 200);
    assertThat(listed.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(listed.getJsonArray("builtin")).hasSize(5 * 3);
    assertThat(error(post("/templates", alice, new JsonObject().put("type", "PRICE_ALERT").put("channel", "email")
        .put("body", "{{#symbol}} never closed")), 400)).contains("does not parse");
    assertThat(error(post("/templates", alice, new JsonObject().put("type", "PRICE_ALERT").put("channel", "email")
        .put("body", "{{password}}")), 400)).contains("unknown field 'password'");
    assertThat(error(post("/templates", alice, new JsonObject().put("type", "PRICE_ALERT").put("channel", "email")
        .put("body", "{{> other}}")), 400)).contains("partials");
    assertThat(error(post("/templates", alice, new JsonObject().put("type", "PRICE_ALERT").put("channel", "fax")
        .put("body", "x")), 400)).contains("'channel'");
    JsonObject replaced = data(node.call(HttpMethod.PUT, "/api/v1/templates/" + id, token(alice), new JsonObject()
        .put("type", "PRICE_ALERT").put("channel", "push").put("body", "{{message}}")), 200);
    assertThat(replaced.getString("channel")).isEqualTo("push");
    assertThat(error(node.call(HttpMethod.PUT, "/api/v1/templates/" + id, token(bob), new JsonObject()
        .put("type", "PRICE_ALERT").put("channel", "push").put("body", "{{message}}")), 404)).contains("RESOURCE_NOT_FOUND");

    JsonObject rule = data(post("/notifications", alice, priceRule(null).put("template_id", id)), 201);
    assertThat(rule.getString("template_id")).isEqualTo(id);
    assertThat(error(post("/notifications", bob, priceRule(null).put("template_id", id)), 400)).contains("not one of your templates");
    assertThat(error(post("/notifications", alice, new JsonObject().put("name", "j").put("type", "SYSTEM").put("template_id", id)
        .put("condition", new JsonObject().put("events", new JsonArray().add("job.dead")))), 400)).contains("is for PRICE_ALERT");
  }

  @Test
  void subscriptionsNameTopicsAndTheCallersChannels() {
    JsonObject sub = data(post("/subscriptions", alice, new JsonObject().put("topic", "system.job.dead")
        .put("channels", new JsonArray().add("push"))), 201);
    assertThat(sub.getString("topic")).isEqualTo("system.job.dead");
    data(post("/subscriptions", alice, new JsonObject().put("topic", "rule_type:price_alert").put("channels", new JsonArray().add("push"))), 201);
    assertThat(data(node.get("/api/v1/subscriptions", token(alice)), 200).getJsonArray("items").stream()
        .map(s -> ((JsonObject) s).getString("topic")).toList()).containsExactly("system.job.dead", "rule_type:PRICE_ALERT");
    assertThat(data(node.get("/api/v1/subscriptions", token(bob)), 200).getJsonArray("items")).isEmpty();
    assertThat(error(post("/subscriptions", alice, new JsonObject().put("topic", "news").put("channels", new JsonArray().add("push"))), 400))
        .contains("unknown topic 'news'");
    assertThat(error(post("/subscriptions", alice, new JsonObject().put("topic", "system.job.dead")), 400)).contains("'channels'");
    String bobsMail = data(post("/channels", bob, new JsonObject().put("type", "email").put("name", "b")
        .put("address", "bob@example.test")), 201).getString("id");
    assertThat(error(post("/subscriptions", alice, new JsonObject().put("topic", "system.job.dead")
        .put("channels", new JsonArray().add(bobsMail))), 400)).contains("not one of your channels");
  }

  @Test
  void aRuleFiresAnAlertFrameToItsOwnersWebSocketAndTheDeliveryIsLogged() throws Exception {
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream")) {
      ws.send(new JsonObject().put("action", "auth").put("token", token(alice)).encode());
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send("{\"action\":\"subscribe\",\"channels\":[\"alerts\"]}");
      ws.frame(5_000, "\"type\":\"subscribed\"", "alerts");
      String id = data(post("/notifications", alice, new JsonObject().put("name", "NVDA up").put("type", "PRICE_ALERT")
          .put("symbol", "NVDA").put("condition", new JsonObject().put("op", "cross_up").put("value", 500))
          .put("channels", new JsonArray().add("push"))), 201).getString("id");
      java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
      // the evaluator subscribes to NVDA once it has reloaded its rules: trades crossing 500 until the rule has fired
      io.ndc.platform.testing.Waits.until(io.ndc.platform.testing.Waits.await("the rule fired on a crossing trade")
              .atMost(java.time.Duration.ofSeconds(10)),
          () -> {
            trade("NVDA", 499, seq.incrementAndGet());
            trade("NVDA", 501, seq.incrementAndGet());
            return data(node.get("/api/v1/notifications/" + id, token(alice)), 200);
          },
          rule -> "triggered".equals(rule.getString("state")), JsonObject::encode);
      JsonObject alert = new JsonObject(ws.frame(5_000, "\"type\":\"alert\""));
      assertThat(alert.fieldNames()).containsExactlyInAnyOrder("type", "rule_id", "symbol", "message", "ts");
      assertThat(alert.getString("rule_id")).isEqualTo(id);
      assertThat(alert.getString("symbol")).isEqualTo("NVDA");
      assertThat(alert.getString("message")).isEqualTo("NVDA up: price 501 cross_up 500");
      JsonObject delivery = io.ndc.platform.testing.Waits.until(io.ndc.platform.testing.Waits.await("the push delivery logged")
              .atMost(java.time.Duration.ofSeconds(5)),
          () -> data(node.get("/api/v1/notifications/" + id + "/deliveries", token(alice)), 200).getJsonArray("items"),
          items -> items.size() == 1 && "delivered".equals(items.getJsonObject(0).getString("status")), JsonArray::encode)
          .getJsonObject(0);
      assertThat(delivery.getString("channel_type")).isEqualTo("push");
      assertThat(delivery.getJsonArray("attempts")).hasSize(1);
      assertThat(error(node.get("/api/v1/notifications/" + id + "/deliveries", token(bob)), 404)).contains("RESOURCE_NOT_FOUND");
      assertThat(error(node.post("/api/v1/deliveries/" + delivery.getString("id") + ":replay", token(bob), new JsonObject()), 404))
          .contains("RESOURCE_NOT_FOUND");
      assertThat(error(node.post("/api/v1/deliveries/" + delivery.getString("id") + ":replay", token(alice), new JsonObject()), 409))
          .contains("CONFLICT").contains("only a dead delivery");
    }
  }

  private static void trade(String symbol, double price, long seq) {
    node.vertx.eventBus().publish(io.ndc.contract.MarketAddresses.trade(symbol),
        new io.ndc.contract.market.TradeEvent(symbol, price, 10, java.time.Instant.now().toString(), seq).toJson());
  }
}
