package io.ndc.notification.delivery;

import io.ndc.contract.Failure;
import io.ndc.contract.NotifyAddresses;
import io.ndc.contract.notify.ChannelSpec;
import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.contract.notify.RuleType;
import io.ndc.contract.notify.Trigger;
import io.ndc.notification.api.Caller;
import io.ndc.notification.api.NotificationApiVerticle;
import io.ndc.notification.store.ChannelStore;
import io.ndc.notification.store.DeliveryStore;
import io.ndc.notification.store.TemplateStore;
import io.ndc.notification.template.Templates;
import io.ndc.platform.bus.Handlers;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.Settings;
import io.ndc.platform.retry.RetryPolicy;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the delivery queue and makes one attempt per message: a webhook POST signed per Standard Webhooks (the
 * delivery id is the {@code webhook-id} of every attempt; a 2xx within {@code notification.webhook.timeout_ms} is
 * success), an e-mail through {@code notification.smtp.*} (subject and body from the template, one message per
 * trigger) or a push to {@link NotifyAddresses#alert(String)}. The attempt (status code or error, duration) is recorded,
 * the next one queued through the delay queues (or the delivery is dead), and only then the message acked. Also
 * answers {@code POST /deliveries/{id}:replay}.
 */
public final class DeliveryWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkerVerticle.class);

  private DeliveryQueue queue;
  private DeliveryStore deliveries;
  private TemplateStore templates;
  private SecretBox box;
  private WebClient http;
  private MailClient mail;
  private String mailFrom;
  private RetryPolicy policy;
  private long timeoutMs;
  private long requeueDelayMs;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "notify");
    deliveries = new DeliveryStore(pg);
    templates = new TemplateStore(pg);
    box = SecretBox.fromConfig(config());
    http = WebClient.create(vertx);
    Settings settings = Settings.of(config());
    MailConfig smtp = new MailConfig().setHostname(settings.string("notification.smtp.host"))
        .setPort(settings.integer("notification.smtp.port"))
        .setStarttls(StartTLSOptions.valueOf(settings.string("notification.smtp.starttls")));
    if (settings.optionalString("notification.smtp.username") != null) {
      smtp.setUsername(settings.optionalString("notification.smtp.username")).setPassword(settings.optionalString("notification.smtp.password"));
    }
    mail = MailClient.create(vertx, smtp);
    mailFrom = settings.string("notification.smtp.from");
    policy = DeliveryQueue.retryPolicy(config());
    timeoutMs = Settings.of(config()).longValue("notification.webhook.timeout_ms");
    requeueDelayMs = Settings.of(config()).longValue("notification.requeue_delay_ms");
    queue = new DeliveryQueue(vertx, config());
    return queue.start().compose(v -> queue.consume(this::handle))
        .compose(c -> vertx.eventBus().<JsonObject>consumer(NotificationAddresses.DELIVERIES_REPLAY,
            Handlers.request(request -> replay(Caller.of(request), NotificationApiVerticle.id(request.body())))).completion());
  }

  @Override
  public Future<?> stop() {
    http.close();
    mail.close();
    return queue.stop();
  }

  /** Publishes the first attempt of new deliveries (called by the evaluator after the trigger is committed). */
  public static Future<Void> enqueue(DeliveryQueue queue, java.util.List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(v -> queue.publish(DeliveryQueue.message(id, 1)));
    }
    return chain;
  }

  private Future<JsonObject> replay(Caller caller, UUID id) {
    return deliveries.get(id, caller.scope()).compose(found -> {
      if (found == null) {
        return Future.failedFuture(Failure.notFound("no delivery with that id"));
      }
      return deliveries.revive(id).compose(revived -> revived
          ? queue.publish(DeliveryQueue.message(id.toString(), 1)).compose(v -> deliveries.get(id, null))
          : Future.failedFuture(Failure.conflict("only a dead delivery is replayed (this one is " + found.getString("status") + ")")));
    });
  }

  private void handle(RabbitMQMessage delivery) {
    JsonObject message;
    try {
      message = delivery.body().toJsonObject();
      UUID.fromString(message.getString("delivery_id"));
    } catch (RuntimeException e) {
      LOG.error("dropping an unreadable delivery message: {}", delivery.body(), e);
      queue.publishDead(new JsonObject().put("raw", delivery.body().toString())).compose(v -> queue.ack(delivery));
      return;
    }
    process(message).compose(v -> queue.ack(delivery)).onFailure(e -> {
      LOG.warn("delivery {} not settled, requeued: {}", message.getString("delivery_id"), e.toString());
      vertx.setTimer(requeueDelayMs, t -> queue.requeue(delivery));
    });
  }

  private record Outcome(boolean ok, Integer statusCode, String error, long durationMs) {
  }

  private Future<Void> process(JsonObject message) {
    UUID id = UUID.fromString(message.getString("delivery_id"));
    int attempt = message.getInteger("attempt", 1);
    return deliveries.context(id).compose(context -> {
      if (context == null || "delivered".equals(context.getString("status")) || "dead".equals(context.getString("status"))) {
        return Future.succeededFuture(); // gone, or settled by an earlier copy of this message
      }
      Instant at = Instant.now();
      long started = System.nanoTime();
      return message(context).compose(text -> send(context, text.getString("subject"), text.getString("body")))
          .map(code -> new Outcome(code >= 200 && code < 300, code, code >= 200 && code < 300 ? null : "HTTP " + code, elapsed(started)))
          .recover(e -> Future.succeededFuture(new Outcome(false, null, e.getMessage() == null ? e.toString() : e.getMessage(), elapsed(started))))
          .compose(outcome -> settle(id, context, attempt, at, outcome));
    });
  }

  private static long elapsed(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private Future<Void> settle(UUID id, JsonObject context, int attempt, Instant at, Outcome outcome) {
    LOG.info("delivery {} to {} {} attempt {}: {} in {} ms", id, context.getString("channel_type"), context.getString("channel_id"),
        attempt, outcome.ok() ? "delivered" : outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error(),
        outcome.durationMs());
    if (outcome.ok()) {
      return deliveries.attempted(id, at, outcome.statusCode(), null, outcome.durationMs(), "delivered");
    }
    if (policy.exhausted(attempt)) {
      return deliveries.attempted(id, at, outcome.statusCode(), outcome.error(), outcome.durationMs(), "dead")
          .compose(v -> queue.publishDead(DeliveryQueue.message(id.toString(), attempt).put("error", outcome.error())));
    }
    return deliveries.attempted(id, at, outcome.statusCode(), outcome.error(), outcome.durationMs(), "retrying")
        .compose(v -> queue.publishRetry(DeliveryQueue.message(id.toString(), attempt + 1), attempt, policy.delayMs(attempt)));
  }

  /** The trigger's message through the rule's template for this channel, or the built-in one. */
  private Future<JsonObject> message(JsonObject context) {
    JsonObject rule = context.getJsonObject("rule");
    String channel = context.getString("channel_type");
    String templateId = context.getString("template_id");
    Future<JsonObject> template = templateId == null ? Future.succeededFuture(null)
        : templates.get(UUID.fromString(templateId), null).map(t -> t != null && channel.equals(t.getString("channel")) ? t : null);
    return template.map(t -> {
      JsonObject chosen = t != null ? t : Templates.builtIn(RuleType.parse(rule.getString("type")), channel);
      JsonObject fields = context.getJsonObject("trigger").copy().put("rule", rule).put("type", rule.getString("type"));
      String subject = chosen.getString("subject");
      return new JsonObject().put("subject", subject == null ? null : Templates.render(subject, fields))
          .put("body", Templates.render(chosen.getString("body"), fields));
    });
  }

  /** Sends one attempt; the future's value is the HTTP status (push: 200 once published; e-mail: 250 once accepted). */
  private Future<Integer> send(JsonObject context, String subject, String text) {
    JsonObject json = context.getJsonObject("trigger").copy().put("message", text);
    Trigger trigger = Trigger.fromJson(json);
    return switch (context.getString("channel_type")) {
      case ChannelSpec.PUSH -> {
        vertx.eventBus().publish(NotifyAddresses.alert(context.getString("user_id")), trigger.toAlert());
        yield Future.succeededFuture(200);
      }
      case ChannelSpec.WEBHOOK -> webhook(context, trigger);
      case ChannelSpec.EMAIL -> context.getString("target") == null ? Future.failedFuture("the channel was deleted")
          : mail.sendMail(new MailMessage().setFrom(mailFrom).setTo(context.getString("target"))
              .setSubject(subject == null ? trigger.message() : subject).setText(text)
              .addHeader("X-NDC-Delivery", context.getString("id"))).map(sent -> 250);
      default -> Future.failedFuture("channel type " + context.getString("channel_type") + " is not delivered yet");
    };
  }

  private Future<Integer> webhook(JsonObject context, Trigger trigger) {
    if (context.getString("target") == null) {
      return Future.failedFuture("the channel was deleted");
    }
    String secret = box.openText(context.getString("secret_sealed"), ChannelStore.SECRET_PURPOSE);
    String body = trigger.toWebhook().encode();
    String webhookId = context.getString("id");
    long timestamp = Instant.now().getEpochSecond();
    return http.postAbs(context.getString("target")).timeout(timeoutMs)
        .putHeader("content-type", "application/json")
        .putHeader("webhook-id", webhookId)
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", WebhookSigner.sign(secret, webhookId, timestamp, body))
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer(body))
        .map(response -> response.statusCode());
  }
}
