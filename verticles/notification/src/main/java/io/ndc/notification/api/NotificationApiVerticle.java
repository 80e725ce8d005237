package io.ndc.notification.api;

import io.ndc.contract.Failure;
import io.ndc.contract.Page;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.notify.ChannelSpec;
import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.contract.notify.RuleSpec;
import io.ndc.contract.notify.RuleType;
import io.ndc.contract.notify.SubscriptionSpec;
import io.ndc.contract.notify.TemplateSpec;
import io.ndc.notification.store.ChannelStore;
import io.ndc.notification.store.DeliveryStore;
import io.ndc.notification.store.RuleStore;
import io.ndc.notification.store.SubscriptionStore;
import io.ndc.notification.store.TemplateStore;
import io.ndc.notification.template.Templates;
import io.ndc.platform.bus.BusRequest;
import io.ndc.platform.bus.Handlers;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The notification REST resources over the bus (SPEC §10): channels, rules, templates, subscriptions and the delivery
 * log. Every resource belongs to its user; another user's is 404 and {@code admin} sees all. Bad input is a 400
 * naming the field: a bad condition, an expression the analysis service does not parse, a channel or template that is
 * not the rule owner's.
 */
public final class NotificationApiVerticle extends VerticleBase {
  private ChannelStore channels;
  private RuleStore rules;
  private TemplateStore templates;
  private SubscriptionStore subscriptions;
  private DeliveryStore deliveries;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "notify");
    channels = new ChannelStore(pg, SecretBox.fromConfig(config()));
    rules = new RuleStore(pg);
    templates = new TemplateStore(pg);
    subscriptions = new SubscriptionStore(pg);
    deliveries = new DeliveryStore(pg);
    return Future.all(List.of(
        on(NotificationAddresses.CHANNELS_CREATE, (caller, body) -> channels.create(caller.userId(), ChannelSpec.fromJson(body))),
        on(NotificationAddresses.CHANNELS_LIST, (caller, body) -> channels.list(caller.scope(), Page.fromJson(body))),
        on(NotificationAddresses.RULES_CREATE, this::createRule),
        on(NotificationAddresses.RULES_LIST, (caller, body) -> rules.list(caller.scope(), Page.fromJson(body))),
        on(NotificationAddresses.RULES_GET, (caller, body) -> found(rules.get(id(body), caller.scope()), "rule")),
        on(NotificationAddresses.RULES_UPDATE, this::updateRule),
        on(NotificationAddresses.RULES_DELETE, (caller, body) -> rules.delete(id(body), caller.scope())
            .compose(deleted -> deleted ? Future.succeededFuture(changed(new JsonObject().put("id", body.getString("id")).put("deleted", true)))
                : Future.failedFuture(Failure.notFound("no rule " + body.getString("id"))))),
        on(NotificationAddresses.TEMPLATES_CREATE, (caller, body) -> templates.create(caller.userId(), checked(body))),
        on(NotificationAddresses.TEMPLATES_LIST, this::listTemplates),
        on(NotificationAddresses.TEMPLATES_UPDATE, (caller, body) -> {
          UUID id = id(body);
          return found(templates.update(id, caller.scope(), checked(body)), "template");
        }),
        on(NotificationAddresses.SUBSCRIPTIONS_CREATE, this::createSubscription),
        on(NotificationAddresses.SUBSCRIPTIONS_LIST, (caller, body) -> subscriptions.list(caller.scope(), Page.fromJson(body))),
        on(NotificationAddresses.DELIVERIES_LIST, (caller, body) -> found(rules.get(id(body), caller.scope()), "rule")
            .compose(rule -> deliveries.list(UUID.fromString(rule.getString("id")), Page.fromJson(body))))));
  }

  private Future<Void> on(String address, BiFunction<Caller, JsonObject, Future<?>> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, Handlers.request((BusRequest request) ->
        handler.apply(Caller.of(request), request.body()))).completion();
  }

  /** The {@code id} path parameter; one that is not an id names nothing (404). */
  public static UUID id(JsonObject body) {
    String text = body.getString("id");
    try {
      return UUID.fromString(text);
    } catch (RuntimeException e) {
      throw Failure.notFound("no such resource '" + text + "'");
    }
  }

  private static Future<JsonObject> found(Future<JsonObject> lookup, String what) {
    return lookup.compose(found -> found == null ? Future.failedFuture(Failure.notFound("no " + what + " with that id"))
        : Future.succeededFuture(found));
  }

  /** Tells the evaluators (on every node) to reload; returns the rule. */
  private JsonObject changed(JsonObject rule) {
    vertx.eventBus().publish(NotificationAddresses.RULES_CHANGED, new JsonObject().put("rule_id", rule.getString("id")));
    return rule;
  }

  private Future<JsonObject> createRule(Caller caller, JsonObject body) {
    RuleSpec spec = RuleSpec.fromJson(body);
    return checkRule(caller.userId(), spec).compose(v -> rules.create(caller.userId(), spec)).map(this::changed);
  }

  /** {@code PATCH}: the fields given over the stored rule, checked like a new one. */
  private Future<JsonObject> updateRule(Caller caller, JsonObject body) {
    UUID id = id(body);
    return found(rules.get(id, caller.scope()), "rule").compose(stored -> {
      JsonObject merged = stored.copy();
      body.forEach(e -> {
        if (!"id".equals(e.getKey())) {
          merged.put(e.getKey(), e.getValue());
        }
      });
      RuleSpec spec = RuleSpec.fromJson(merged);
      boolean rearm = !spec.condition().equals(stored.getJsonObject("condition")) || !spec.mode().equals(stored.getString("mode"))
          || !java.util.Objects.equals(spec.symbol(), stored.getString("symbol"));
      return checkRule(stored.getString("user_id"), spec).compose(v -> found(rules.update(id, spec, rearm), "rule")).map(this::changed);
    });
  }

  /** What the contract record cannot check alone: the owner's channels and template, and the expression. */
  private Future<Void> checkRule(String owner, RuleSpec spec) {
    Future<Void> checks = channels.notOwned(owner, spec.channels()).compose(missing -> missing.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(Failure.validation("channel " + missing.get(0) + " is not one of your channels",
            new JsonObject().put("channels", new JsonArray(missing)))));
    if (spec.templateId() != null) {
      checks = checks.compose(v -> templates.get(UUID.fromString(spec.templateId()), owner)).compose(template -> {
        if (template == null) {
          return Future.failedFuture(Failure.validation("template " + spec.templateId() + " is not one of your templates"));
        }
        if (!spec.type().name().equals(template.getString("type"))) {
          return Future.failedFuture(Failure.validation("template " + spec.templateId() + " is for " + template.getString("type")
              + " rules, not " + spec.type()));
        }
        return Future.succeededFuture();
      });
    }
    if (spec.type() == RuleType.INDICATOR_ALERT) {
      checks = checks.compose(v -> checkExpression(spec));
    }
    return checks;
  }

  /**
   * The analysis service parses the expression (one implementation of the language): a parse error there is its 400
   * with the position, passed on naming the condition; any other answer (values, or a symbol without bars yet) means
   * it parses.
   */
  private Future<Void> checkExpression(RuleSpec spec) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonObject query = new JsonObject().put("symbol", spec.symbol()).put("interval", spec.condition().getString("interval"))
        .put("expression", spec.condition().getString("expression")).put("start_date", today).put("end_date", today);
    return vertx.eventBus().<JsonObject>request(AnalysisAddresses.CUSTOM_EVALUATE, query).<Void>mapEmpty()
        .recover(error -> {
          if (error instanceof ReplyException reply && reply.failureCode() == 400) {
            Failure cause = Failure.from(error);
            return Future.failedFuture(Failure.validation("condition.expression: " + cause.getMessage(), cause.details()));
          }
          if (error instanceof ReplyException reply && reply.failureCode() == 404) {
            return Future.succeededFuture();
          }
          return Future.failedFuture(error);
        });
  }

  private static TemplateSpec checked(JsonObject body) {
    TemplateSpec spec = TemplateSpec.fromJson(body);
    Templates.check(spec);
    return spec;
  }

  private Future<JsonObject> listTemplates(Caller caller, JsonObject body) {
    Page page = Page.fromJson(body);
    return templates.list(caller.scope(), page).map(reply -> reply.put("builtin", Templates.builtIns()));
  }

  private Future<JsonObject> createSubscription(Caller caller, JsonObject body) {
    SubscriptionSpec spec = SubscriptionSpec.fromJson(body);
    return channels.notOwned(caller.userId(), spec.channels()).compose(missing -> missing.isEmpty()
        ? subscriptions.create(caller.userId(), spec)
        : Future.failedFuture(Failure.validation("channel " + missing.get(0) + " is not one of your channels")));
  }
}
