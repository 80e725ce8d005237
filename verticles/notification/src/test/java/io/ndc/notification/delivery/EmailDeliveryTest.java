package io.ndc.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.ndc.contract.BusHeaders;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.market.TradeEvent;
import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.notification.NotificationService;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** E-mail deliveries to a real SMTP server (GreenMail) in this test: subject and body from the rule's template. */
class EmailDeliveryTest {
  private static final String DB = TestConfig.uniqueDatabase("notify_email");
  private static final String USER = "mail-user";
  private static Vertx vertx;
  private static GreenMail smtp;
  private static JsonObject config;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    vertx = Vertx.vertx();
    config = TestConfig.forDatabase(DB).put("notification", new JsonObject().put("queue_prefix", "test." + DB)
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", smtp.getSmtp().getPort())
            .put("from", "alerts@ndc.test").put("starttls", "DISABLED")));
    vertx.deployVerticle(new NotificationService(), new DeploymentOptions().setConfig(config)).await();
  }

  @AfterAll
  static void stop() {
    DeliveryQueue queue = new DeliveryQueue(vertx, config);
    queue.start().compose(v -> queue.deleteQueues()).compose(v -> queue.stop()).await();
    vertx.close().await();
    smtp.stop();
    TestConfig.dropDatabase(DB);
  }

  private static JsonObject request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().addHeader(BusHeaders.USER_ID, USER))
        .await().body();
  }

  @Test
  void aTriggerSendsOneMessageWithTheTemplatesSubjectAndBody() throws Exception {
    String channel = request(NotificationAddresses.CHANNELS_CREATE, new JsonObject().put("type", "email").put("name", "me")
        .put("address", "quant@ndc.test")).getString("id");
    String template = request(NotificationAddresses.TEMPLATES_CREATE, new JsonObject().put("type", "PRICE_ALERT")
        .put("channel", "email").put("subject", "{{rule.name}}: {{symbol}} at {{value}}")
        .put("body", "Hello, {{symbol}} traded at {{value}} ({{message}}).")).getString("id");
    String rule = request(NotificationAddresses.RULES_CREATE, new JsonObject().put("name", "MAIL low").put("type", "PRICE_ALERT")
        .put("symbol", "MAIL").put("condition", new JsonObject().put("op", "lte").put("value", 10))
        .put("channels", new JsonArray().add(channel)).put("template_id", template)).getString("id");
    AtomicLong seq = new AtomicLong();
    // the evaluator watches MAIL once it has reloaded its rules: trades under the value until the once-rule fired
    Waits.until(Waits.await("the rule fired").atMost(Duration.ofSeconds(10)), () -> {
      vertx.eventBus().publish(MarketAddresses.trade("MAIL"), new TradeEvent("MAIL", 9.5, 1, Instant.now().toString(),
          seq.incrementAndGet()).toJson());
      return request(NotificationAddresses.RULES_GET, new JsonObject().put("id", rule));
    }, r -> "triggered".equals(r.getString("state")), JsonObject::encode);
    Waits.await("the e-mail received").atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 1);
    JsonObject delivery = Waits.until(Waits.await("the e-mail delivery logged").atMost(Duration.ofSeconds(5)),
        () -> request(NotificationAddresses.DELIVERIES_LIST, new JsonObject().put("id", rule)).getJsonArray("items"),
        d -> d.size() == 1 && "delivered".equals(d.getJsonObject(0).getString("status")), JsonArray::encode).getJsonObject(0);
    MimeMessage[] messages = smtp.getReceivedMessages();
    assertThat(messages).hasSize(1);
    assertThat(messages[0].getSubject()).isEqualTo("MAIL low: MAIL at 9.5");
    assertThat(messages[0].getAllRecipients()[0].toString()).isEqualTo("quant@ndc.test");
    assertThat(messages[0].getFrom()[0].toString()).isEqualTo("alerts@ndc.test");
    assertThat(GreenMailUtil.getBody(messages[0]).trim()).isEqualTo("Hello, MAIL traded at 9.5 (MAIL low: price 9.5 lte 10).");
    assertThat(delivery.getString("channel_type")).isEqualTo("email");
    assertThat(delivery.getJsonArray("attempts").getJsonObject(0).getInteger("status_code")).isEqualTo(250);
  }
}
