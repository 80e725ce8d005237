package io.ndc.contract.notify;

import io.ndc.contract.market.JsonNumbers;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A rule that fired (SPEC §10): {@code {"id","rule_id","symbol","value","message","ts"}}. The id is deterministic
 * (rule, symbol, and the trade or bar that fired it), so a takeover or a redelivery cannot fire twice.
 */
public record Trigger(String id, String ruleId, String symbol, Double value, String message, Instant ts) {

  public static Trigger fromJson(JsonObject json) {
    Number value = (Number) json.getValue("value");
    return new Trigger(json.getString("id"), json.getString("rule_id"), json.getString("symbol"),
        value == null ? null : value.doubleValue(), json.getString("message"), Instant.parse(json.getString("ts")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("rule_id", ruleId).put("symbol", symbol)
        .put("value", JsonNumbers.of(value)).put("message", message).put("ts", ts.toString());
  }

  /** The §6 {@code alert} frame, published on {@link io.ndc.contract.NotifyAddresses#alert(String)}. */
  public JsonObject toAlert() {
    return new JsonObject().put("type", "alert").put("rule_id", ruleId).put("symbol", symbol).put("message", message)
        .put("ts", ts.toString());
  }

  /** The Standard Webhooks body: {@code {"type":"alert.triggered","data":{trigger}}}. */
  public JsonObject toWebhook() {
    return new JsonObject().put("type", "alert.triggered").put("data", toJson());
  }
}
