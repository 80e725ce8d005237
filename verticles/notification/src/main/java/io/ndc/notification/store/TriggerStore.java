package io.ndc.notification.store;

import io.ndc.contract.notify.RuleSpec;
import io.ndc.contract.notify.Trigger;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fires a trigger once: its deterministic id is the primary key, so a second evaluation of the same trade or bar (a
 * redelivery, a takeover) inserts nothing and delivers nothing. In the same transaction: the rule's state
 * ({@code fired} for a once-rule, {@code last_triggered_at}, {@code trigger_count}) and one pending delivery per channel.
 */
public final class TriggerStore {
  private final Pool pg;

  public TriggerStore(Pool pg) {
    this.pg = pg;
  }

  /**
   * @param channels the rule's channels, or its owner's subscriptions to its type when it names none, or push
   * @return the ids of the deliveries made; empty when the trigger had fired before
   */
  public Future<List<String>> fire(Trigger trigger, String userId, String mode, List<String> channels) {
    return pg.withTransaction(conn -> conn.preparedQuery("INSERT INTO triggers (id, rule_id, user_id, symbol, value, message, ts)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id")
        .execute(Tuple.from(new Object[] {trigger.id(), UUID.fromString(trigger.ruleId()), userId, trigger.symbol(), trigger.value(),
            trigger.message(), RuleStore.time(trigger.ts())}))
        .compose(inserted -> {
          if (inserted.rowCount() == 0) {
            return Future.succeededFuture(List.<String>of());
          }
          List<UUID> ids = channels.stream().filter(c -> !RuleSpec.PUSH.equals(c)).map(UUID::fromString).toList();
          return conn.preparedQuery("UPDATE rules SET fired = fired OR $2, last_triggered_at = $3, trigger_count = trigger_count + 1"
                  + " WHERE id = $1")
              .execute(Tuple.of(UUID.fromString(trigger.ruleId()), RuleSpec.ONCE.equals(mode), RuleStore.time(trigger.ts())))
              .compose(v -> conn.preparedQuery("INSERT INTO deliveries (id, trigger_id, rule_id, user_id, channel_id, channel_type, status)"
                      + " SELECT gen_random_uuid(), $1::text, $2::uuid, $3::text, c.id::text, c.type, 'pending' FROM channels c"
                      + " WHERE c.id = ANY($4::uuid[]) AND c.user_id = $3::text"
                      + " UNION ALL SELECT gen_random_uuid(), $1::text, $2::uuid, $3::text, 'push', 'push', 'pending' WHERE $5::boolean"
                      + " ON CONFLICT (trigger_id, channel_id) DO NOTHING RETURNING id")
                  .execute(Tuple.from(new Object[] {trigger.id(), UUID.fromString(trigger.ruleId()), userId, ids.toArray(UUID[]::new),
                      channels.contains(RuleSpec.PUSH)})))
              .map(rows -> {
                List<String> out = new ArrayList<>();
                for (Row row : rows) {
                  out.add(row.getUUID("id").toString());
                }
                return out;
              });
        }));
  }

  /** The channels a rule's trigger goes to: its own, else its owner's subscriptions to its type, else push. */
  public static List<String> channelsFor(JsonArray ruleChannels, JsonArray subscribed) {
    List<String> out = new ArrayList<>();
    (ruleChannels.isEmpty() ? subscribed : ruleChannels).forEach(c -> out.add((String) c));
    return out.isEmpty() ? List.of(RuleSpec.PUSH) : out;
  }
}
