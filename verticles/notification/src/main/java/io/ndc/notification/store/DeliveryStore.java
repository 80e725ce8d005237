package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * {@code notify.deliveries} and their attempts: one delivery per trigger and channel (its id is the webhook-id of
 * every attempt), statuses {@code pending}, {@code delivered}, {@code retrying}, {@code dead}.
 */
public final class DeliveryStore {
  private static final String COLUMNS = "d.id, d.trigger_id, d.rule_id, d.user_id, d.channel_id, d.channel_type, d.status,"
      + " d.created_at, d.updated_at, coalesce((SELECT jsonb_agg(jsonb_build_object('n', a.n, 'at', a.at, 'status_code',"
      + " a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) ORDER BY a.n) FROM delivery_attempts a"
      + " WHERE a.delivery_id = d.id), '[]'::jsonb) AS attempts";

  private final Pool pg;

  public DeliveryStore(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> list(UUID ruleId, Page page) {
    return pg.preparedQuery("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM deliveries d WHERE d.rule_id = $1"
            + " ORDER BY d.created_at, d.id LIMIT $2 OFFSET $3")
        .execute(Tuple.of(ruleId, page.limit(), page.offset()))
        .map(rows -> page.reply(Sql.all(rows, DeliveryStore::toJson), Sql.total(rows)));
  }

  public Future<JsonObject> get(UUID id, String scope) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM deliveries d WHERE d.id = $1 AND ($2::text IS NULL OR d.user_id = $2)")
        .execute(Tuple.of(id, scope)).map(rows -> Sql.first(rows, DeliveryStore::toJson));
  }

  static JsonObject toJson(Row row) {
    JsonArray attempts = new JsonArray();
    for (Object a : row.getJsonArray("attempts")) {
      JsonObject attempt = (JsonObject) a;
      JsonObject out = new JsonObject().put("at", attempt.getString("at")).put("duration_ms", attempt.getLong("duration_ms"));
      if (attempt.getValue("status_code") != null) {
        out.put("status_code", attempt.getInteger("status_code"));
      }
      if (attempt.getValue("error") != null) {
        out.put("error", attempt.getString("error"));
      }
      attempts.add(out);
    }
    return new JsonObject().put("id", row.getUUID("id").toString()).put("trigger_id", row.getString("trigger_id"))
        .put("rule_id", row.getUUID("rule_id").toString()).put("channel_id", row.getString("channel_id"))
        .put("channel_type", row.getString("channel_type")).put("status", row.getString("status")).put("attempts", attempts)
        .put("created_at", Sql.instant(row, "created_at")).put("updated_at", Sql.instant(row, "updated_at"));
  }
}
