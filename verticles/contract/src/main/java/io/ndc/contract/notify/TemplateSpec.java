package io.ndc.contract.notify;

import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A user's template ({@code POST /templates}, {@code PUT /templates/{id}}): {@code {"type","channel","subject","body"}}
 * for one rule type and channel type; logic-less over the trigger's fields ({@link #FIELDS}). Whether it parses and
 * names only known fields, the service checks.
 */
public record TemplateSpec(RuleType type, String channel, String subject, String body) {
  public static final List<String> CHANNELS = List.of(ChannelSpec.WEBHOOK, ChannelSpec.EMAIL, ChannelSpec.PUSH);
  /** The names a template may use. */
  public static final List<String> FIELDS = List.of("id", "rule_id", "symbol", "value", "message", "ts", "type",
      "rule.id", "rule.name", "rule.type", "rule.symbol", "rule.condition", "event", "job_id", "collector_id", "error");
  public static final int MAX_LENGTH = 20_000;

  public static TemplateSpec fromJson(JsonObject json) {
    RuleType type = RuleType.parse(Fields.text(json, "type"));
    String channel = Fields.requiredText(json, "channel");
    if (!CHANNELS.contains(channel)) {
      throw Failure.validation("'channel' must be one of " + CHANNELS + " (got '" + channel + "')");
    }
    String subject = Fields.text(json, "subject");
    String body = Fields.requiredText(json, "body");
    if (body.length() > MAX_LENGTH || (subject != null && subject.length() > MAX_LENGTH)) {
      throw Failure.validation("a template is at most " + MAX_LENGTH + " characters");
    }
    return new TemplateSpec(type, channel, subject, body);
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type.name()).put("channel", channel).put("subject", subject).put("body", body);
  }
}
