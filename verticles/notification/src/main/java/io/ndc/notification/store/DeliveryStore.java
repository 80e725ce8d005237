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

  /** What a worker needs for one attempt: the delivery, its trigger, rule and channel (null when gone). */
  public Future<JsonObject> context(UUID id) {
    return pg.preparedQuery("SELECT d.id, d.user_id, d.channel_id, d.channel_type, d.status, t.id AS trigger_id, t.rule_id, t.symbol,"
            + " t.value, t.message, t.ts, r.name AS rule_name, r.type AS rule_type, r.condition, r.template_id, c.target, c.secret_sealed,"
            + " (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS attempts"
            + " FROM deliveries d JOIN triggers t ON t.id = d.trigger_id LEFT JOIN rules r ON r.id = t.rule_id"
            + " LEFT JOIN channels c ON c.id::text = d.channel_id WHERE d.id = $1")
        .execute(Tuple.of(id)).map(rows -> Sql.first(rows, row -> {
          UUID template = row.getUUID("template_id");
          Double value = row.getDouble("value");
          return new JsonObject().put("id", row.getUUID("id").toString()).put("user_id", row.getString("user_id"))
              .put("channel_id", row.getString("channel_id")).put("channel_type", row.getString("channel_type"))
              .put("status", row.getString("status")).put("attempts", row.getLong("attempts"))
              .put("trigger", new JsonObject().put("id", row.getString("trigger_id")).put("rule_id", row.getUUID("rule_id").toString())
                  .put("symbol", row.getString("symbol")).put("value", value).put("message", row.getString("message"))
                  .put("ts", Sql.instant(row, "ts")))
              .put("rule", new JsonObject().put("id", row.getUUID("rule_id").toString()).put("name", row.getString("rule_name"))
                  .put("type", row.getString("rule_type")).put("symbol", row.getString("symbol"))
                  .put("condition", row.getJsonObject("condition")))
              .put("template_id", template == null ? null : template.toString())
              .put("target", row.getString("target")).put("secret_sealed", row.getString("secret_sealed"));
        }));
  }

  /** Records one attempt and the status it leaves the delivery in. */
  public Future<Void> attempted(UUID id, java.time.Instant at, Integer statusCode, String error, long durationMs, String status) {
    return pg.withTransaction(conn -> conn.preparedQuery("INSERT INTO delivery_attempts (delivery_id, n, at, status_code, error, duration_ms)"
            + " SELECT $1, coalesce(max(n), 0) + 1, $2, $3, $4, $5 FROM delivery_attempts WHERE delivery_id = $1")
        .execute(Tuple.of(id, RuleStore.time(at), statusCode, error, durationMs))
        .compose(v -> conn.preparedQuery("UPDATE deliveries SET status = $2, updated_at = now() WHERE id = $1").execute(Tuple.of(id, status))))
        .mapEmpty();
  }

  /** A dead delivery back to pending for a replay; false when it is not dead. */
  public Future<Boolean> revive(UUID id) {
    return pg.preparedQuery("UPDATE deliveries SET status = 'pending', updated_at = now() WHERE id = $1 AND status = 'dead'")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }
}
