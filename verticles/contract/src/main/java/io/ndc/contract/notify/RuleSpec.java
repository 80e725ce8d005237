package io.ndc.contract.notify;

import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert rule as a user writes it ({@code POST /notifications}, and a {@code PATCH} merged over the stored rule):
 * {@code {"name","type","symbol","condition":{...},"mode":"once"|"every","cooldown_s","expires_at","channels":[...],
 * "template_id","enabled"}}. Channels are channel ids or {@code push}; none means the user's subscriptions decide.
 * Whether the channels are the caller's, and whether an {@code INDICATOR_ALERT} expression parses, the service checks.
 */
public record RuleSpec(String name, RuleType type, String symbol, JsonObject condition, String mode, long cooldownS,
    Instant expiresAt, List<String> channels, String templateId, boolean enabled) {
  public static final String ONCE = "once";
  public static final String EVERY = "every";
  public static final String PUSH = "push";
  public static final int MAX_NAME = 200;
  public static final int MAX_CHANNELS = 20;

  public RuleSpec {
    channels = List.copyOf(channels);
    condition = condition.copy();
  }

  public static RuleSpec fromJson(JsonObject json) {
    String name = Fields.requiredText(json, "name");
    if (name.length() > MAX_NAME) {
      throw Failure.validation("'name' is longer than " + MAX_NAME + " characters");
    }
    RuleType type = RuleType.parse(Fields.text(json, "type"));
    String symbol = Fields.text(json, "symbol");
    if (type.needsSymbol()) {
      symbol = Fields.symbol(json, "symbol");
    } else if (symbol != null) {
      throw Failure.validation(type + " rules take no symbol");
    }
    Object condition = json.getValue("condition");
    if (condition != null && !(condition instanceof JsonObject)) {
      throw Failure.validation("'condition' must be an object");
    }
    JsonObject normalized = type.condition((JsonObject) condition);
    String mode = Fields.text(json, "mode");
    mode = mode == null ? ONCE : mode;
    if (!ONCE.equals(mode) && !EVERY.equals(mode)) {
      throw Failure.validation("'mode' must be once or every (got '" + mode + "')");
    }
    long cooldown = Fields.integer(json, "cooldown_s", 0, 0, Integer.MAX_VALUE);
    String expires = Fields.text(json, "expires_at");
    Instant expiresAt = expires == null ? null : Fields.instant("expires_at", expires);
    List<String> channels = Fields.list(json, "channels");
    if (channels.size() > MAX_CHANNELS) {
      throw Failure.validation("at most " + MAX_CHANNELS + " channels");
    }
    for (String channel : channels) {
      if (!PUSH.equals(channel) && !isUuid(channel)) {
        throw Failure.validation("channel '" + channel + "' is not a channel id or push");
      }
    }
    String template = Fields.text(json, "template_id");
    if (template != null && !isUuid(template)) {
      throw Failure.validation("template_id '" + template + "' is not a template id");
    }
    Object enabled = json.getValue("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw Failure.validation("'enabled' must be true or false");
    }
    return new RuleSpec(name, type, symbol, normalized, mode, cooldown, expiresAt,
        channels.stream().distinct().toList(), template, enabled == null || (Boolean) enabled);
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("type", type.name()).put("symbol", symbol).put("condition", condition.copy())
        .put("mode", mode).put("cooldown_s", cooldownS).put("expires_at", expiresAt == null ? null : expiresAt.toString())
        .put("channels", new JsonArray(channels)).put("template_id", templateId).put("enabled", enabled);
  }

  static boolean isUuid(String text) {
    try {
      UUID.fromString(text);
      return text.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
