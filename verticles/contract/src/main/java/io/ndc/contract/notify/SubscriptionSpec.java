package io.ndc.contract.notify;

import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code POST /subscriptions {"topic","channels"}}: where a user's notifications go when a rule names no channels
 * ({@code rule_type:PRICE_ALERT}, ...), and SYSTEM events received without rules ({@code system.job.dead},
 * {@code system.job.succeeded}).
 */
public record SubscriptionSpec(String topic, List<String> channels) {
  public static final String RULE_TYPE = "rule_type:";
  public static final List<String> SYSTEM_TOPICS = List.of("system.job.dead", "system.job.succeeded");

  public SubscriptionSpec {
    channels = List.copyOf(channels);
  }

  public static SubscriptionSpec fromJson(JsonObject json) {
    String topic = Fields.requiredText(json, "topic");
    if (topic.startsWith(RULE_TYPE)) {
      topic = RULE_TYPE + RuleType.parse(topic.substring(RULE_TYPE.length())).name();
    } else if (!SYSTEM_TOPICS.contains(topic)) {
      throw Failure.validation("unknown topic '" + topic + "'; use " + SYSTEM_TOPICS + " or rule_type:<TYPE>");
    }
    List<String> channels = Fields.list(json, "channels");
    if (channels.isEmpty() || channels.size() > RuleSpec.MAX_CHANNELS) {
      throw Failure.validation("'channels' must name 1 to " + RuleSpec.MAX_CHANNELS + " channels");
    }
    for (String channel : channels) {
      if (!RuleSpec.PUSH.equals(channel) && !RuleSpec.isUuid(channel)) {
        throw Failure.validation("channel '" + channel + "' is not a channel id or push");
      }
    }
    return new SubscriptionSpec(topic, channels.stream().distinct().toList());
  }
}
