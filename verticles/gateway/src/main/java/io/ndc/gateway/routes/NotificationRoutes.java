package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.notify.NotificationAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * Notifications (SPEC §10): alert rules, channels, templates, subscriptions and the delivery log, served by the
 * notification service. Every resource belongs to its user (another user's is 404; admin sees all).
 */
public final class NotificationRoutes {
  private static final String TAG = "notifications";

  private NotificationRoutes() {
  }

  public static List<RouteSpec> rows() {
    String own = Permissions.NOTIFICATIONS_OWN;
    return List.of(
        route(HttpMethod.GET, "/notifications").permission(own).address(NotificationAddresses.RULES_LIST).query("page", "limit")
            .doc(TAG, "Your alert rules with state (active, triggered, expired, paused), last_triggered_at and trigger_count").build(),
        route(HttpMethod.POST, "/notifications").permission(own).address(NotificationAddresses.RULES_CREATE).json().status(201)
            .doc(TAG, "An alert rule {name, type: PRICE_ALERT|PERCENT_CHANGE|VOLUME_ALERT|INDICATOR_ALERT|SYSTEM, symbol,"
                + " condition, mode: once|every, cooldown_s, expires_at, channels: [channel id | push], template_id}; conditions"
                + " PRICE_ALERT {op: gte|lte|cross_up|cross_down, value}, PERCENT_CHANGE {pct, window: 15m|1h|1d, direction:"
                + " up|down|any}, VOLUME_ALERT {interval, k, n}, INDICATOR_ALERT {interval, expression}, SYSTEM {events:"
                + " [job.dead, job.succeeded], collector_id}").build(),
        route(HttpMethod.GET, "/notifications/:id").permission(own).address(NotificationAddresses.RULES_GET)
            .doc(TAG, "One alert rule").build(),
        route(HttpMethod.PATCH, "/notifications/:id").permission(own).address(NotificationAddresses.RULES_UPDATE).json()
            .doc(TAG, "Change a rule ({enabled:false} pauses); a changed condition re-arms a fired once-rule").build(),
        route(HttpMethod.DELETE, "/notifications/:id").permission(own).address(NotificationAddresses.RULES_DELETE)
            .doc(TAG, "Delete a rule").build(),
        route(HttpMethod.GET, "/notifications/:id/deliveries").permission(own).address(NotificationAddresses.DELIVERIES_LIST)
            .query("page", "limit").doc(TAG, "The rule's deliveries {id, trigger_id, channel_id, channel_type, status:"
                + " pending|delivered|retrying|dead, attempts: [{at, status_code | error, duration_ms}]}").build(),
        route(HttpMethod.POST, "/deliveries/:id:replay").permission(own).address(NotificationAddresses.DELIVERIES_REPLAY)
            .status(202).doc(TAG, "Send a dead delivery again (same webhook-id)").build(),
        route(HttpMethod.GET, "/channels").permission(own).address(NotificationAddresses.CHANNELS_LIST).query("page", "limit")
            .doc(TAG, "Your channels, the implicit push channel first").build(),
        route(HttpMethod.POST, "/channels").permission(own).address(NotificationAddresses.CHANNELS_CREATE).json().status(201)
            .doc(TAG, "A channel {type: webhook, name, url} (answers the whsec_ signing secret, shown this once) or"
                + " {type: email, name, address}").build(),
        route(HttpMethod.GET, "/templates").permission(own).address(NotificationAddresses.TEMPLATES_LIST).query("page", "limit")
            .doc(TAG, "Your templates, and the built-in default of every type and channel under builtin").build(),
        route(HttpMethod.POST, "/templates").permission(own).address(NotificationAddresses.TEMPLATES_CREATE).json().status(201)
            .doc(TAG, "A Mustache template {type, channel: webhook|email|push, subject, body} over the trigger's fields"
                + " ({{symbol}}, {{value}}, {{message}}, {{rule.name}}...); checked on save").build(),
        route(HttpMethod.PUT, "/templates/:id").permission(own).address(NotificationAddresses.TEMPLATES_UPDATE).json()
            .doc(TAG, "Replace a template").build(),
        route(HttpMethod.GET, "/subscriptions").permission(own).address(NotificationAddresses.SUBSCRIPTIONS_LIST)
            .query("page", "limit").doc(TAG, "Your subscriptions").build(),
        route(HttpMethod.POST, "/subscriptions").permission(own).address(NotificationAddresses.SUBSCRIPTIONS_CREATE).json()
            .status(201).doc(TAG, "Where notifications go when a rule names no channels, and SYSTEM events without rules"
                + " {topic: system.job.dead|system.job.succeeded|rule_type:<TYPE>, channels}").build());
  }
}
