package io.ndc.contract.notify;

/**
 * Request-reply addresses of the notification service (SPEC §10). Bodies are the gateway's standard mapping (JSON
 * body, query and path parameters) read by the records of this package; the caller is in the {@code x-user-id} and
 * {@code x-roles} headers, and every resource belongs to its user (another user's is 404, {@code admin} sees all).
 * Pushes go to {@link io.ndc.contract.NotifyAddresses#alert(String)}.
 */
public final class NotificationAddresses {
  private static final String PREFIX = "ndc.notification.";

  /** {@link ChannelSpec} → the channel with its {@code secret} (webhooks; shown this once). */
  public static final String CHANNELS_CREATE = PREFIX + "channels.create";
  /** Page → the caller's channels, {@code push} first. */
  public static final String CHANNELS_LIST = PREFIX + "channels.list";

  /** {@link RuleSpec} → the rule with {@code id}, {@code state}, {@code last_triggered_at}, {@code trigger_count}. */
  public static final String RULES_CREATE = PREFIX + "rules.create";
  public static final String RULES_LIST = PREFIX + "rules.list";
  /** {@code {"id"}} → the rule. */
  public static final String RULES_GET = PREFIX + "rules.get";
  /** {@code {"id", ...fields to change}} ({@code "enabled":false} pauses) → the rule. */
  public static final String RULES_UPDATE = PREFIX + "rules.update";
  public static final String RULES_DELETE = PREFIX + "rules.delete";

  /** {@link TemplateSpec} → the template. */
  public static final String TEMPLATES_CREATE = PREFIX + "templates.create";
  /** Page → the caller's templates and the built-in defaults ({@code "builtin":true}). */
  public static final String TEMPLATES_LIST = PREFIX + "templates.list";
  /** {@code {"id", ...TemplateSpec}} → the template. */
  public static final String TEMPLATES_UPDATE = PREFIX + "templates.update";

  /** {@link SubscriptionSpec} → the subscription. */
  public static final String SUBSCRIPTIONS_CREATE = PREFIX + "subscriptions.create";
  public static final String SUBSCRIPTIONS_LIST = PREFIX + "subscriptions.list";

  /** {@code {"id"}} (a rule) → its deliveries with their attempts. */
  public static final String DELIVERIES_LIST = PREFIX + "deliveries.list";
  /** {@code {"id"}} (a dead delivery) → the delivery, queued again with the same key. */
  public static final String DELIVERIES_REPLAY = PREFIX + "deliveries.replay";

  /** Publication {@code {"rule_id"}}: a rule was made, changed or deleted; evaluators reload their rules. */
  public static final String RULES_CHANGED = PREFIX + "rules.changed";

  private NotificationAddresses() {
  }
}
