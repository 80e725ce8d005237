package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.ndc.contract.notify.RuleSpec;
import io.ndc.contract.notify.RuleType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** {@code notify.rules}: alert rules with their state. */
public final class RuleStore {
  private static final String COLUMNS = "id, user_id, name, type, symbol, condition, mode, cooldown_s, expires_at, channels,"
      + " template_id, enabled, fired, last_triggered_at, trigger_count, created_at, updated_at";

  private final Pool pg;

  public RuleStore(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> create(String userId, RuleSpec spec) {
    return pg.preparedQuery("INSERT INTO rules (id, user_id, name, type, symbol, condition, mode, cooldown_s, expires_at, channels,"
            + " template_id, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), userId, spec.name(), spec.type().name(), spec.symbol(),
            spec.condition(), spec.mode(), spec.cooldownS(), time(spec.expiresAt()), new JsonArray(spec.channels()),
            spec.templateId() == null ? null : UUID.fromString(spec.templateId()), spec.enabled()}))
        .map(rows -> toJson(rows.iterator().next()));
  }

  /** Replaces the editable fields; a rule whose condition or mode changed may fire again. */
  public Future<JsonObject> update(UUID id, RuleSpec spec, boolean rearm) {
    return pg.preparedQuery("UPDATE rules SET name = $2, type = $3, symbol = $4, condition = $5, mode = $6, cooldown_s = $7,"
            + " expires_at = $8, channels = $9, template_id = $10, enabled = $11, fired = fired AND NOT $12, updated_at = now()"
            + " WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {id, spec.name(), spec.type().name(), spec.symbol(), spec.condition(), spec.mode(),
            spec.cooldownS(), time(spec.expiresAt()), new JsonArray(spec.channels()),
            spec.templateId() == null ? null : UUID.fromString(spec.templateId()), spec.enabled(), rearm}))
        .map(rows -> Sql.first(rows, RuleStore::toJson));
  }

  /** The rule if the scope may see it (null otherwise). */
  public Future<JsonObject> get(UUID id, String scope) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM rules WHERE id = $1 AND" + Sql.owner(2))
        .execute(Tuple.of(id, scope)).map(rows -> Sql.first(rows, RuleStore::toJson));
  }

  public Future<JsonObject> list(String scope, Page page) {
    return Sql.page(pg, "rules", COLUMNS, scope, page, RuleStore::toJson);
  }

  public Future<Boolean> delete(UUID id, String scope) {
    return pg.preparedQuery("DELETE FROM rules WHERE id = $1 AND" + Sql.owner(2)).execute(Tuple.of(id, scope))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Rules that can fire now: enabled, not a fired once-rule, not expired, of the given types. */
  public Future<JsonArray> live(RuleType... types) {
    String[] names = java.util.Arrays.stream(types).map(Enum::name).toArray(String[]::new);
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM rules WHERE enabled AND NOT fired AND (expires_at IS NULL OR expires_at > now())"
            + " AND type = ANY($1)")
        .execute(Tuple.of(names)).map(rows -> Sql.all(rows, RuleStore::toJson));
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static String state(Row row) {
    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
    if (!row.getBoolean("enabled")) {
      return "paused";
    }
    if (row.getBoolean("fired")) {
      return "triggered";
    }
    return expires != null && !expires.toInstant().isAfter(Instant.now()) ? "expired" : "active";
  }

  static JsonObject toJson(Row row) {
    UUID template = row.getUUID("template_id");
    return new JsonObject().put("id", row.getUUID("id").toString()).put("user_id", row.getString("user_id"))
        .put("name", row.getString("name")).put("type", row.getString("type")).put("symbol", row.getString("symbol"))
        .put("condition", row.getJsonObject("condition")).put("mode", row.getString("mode"))
        .put("cooldown_s", row.getLong("cooldown_s")).put("expires_at", Sql.instant(row, "expires_at"))
        .put("channels", row.getJsonArray("channels")).put("template_id", template == null ? null : template.toString())
        .put("enabled", row.getBoolean("enabled")).put("state", state(row))
        .put("last_triggered_at", Sql.instant(row, "last_triggered_at")).put("trigger_count", row.getLong("trigger_count"))
        .put("created_at", Sql.instant(row, "created_at")).put("updated_at", Sql.instant(row, "updated_at"));
  }
}
