package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.ndc.contract.notify.TemplateSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** {@code notify.templates}: users' templates (the built-in defaults are {@link io.ndc.notification.template.Templates}). */
public final class TemplateStore {
  private static final String COLUMNS = "id, user_id, type, channel, subject, body, created_at, updated_at";

  private final Pool pg;

  public TemplateStore(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> create(String userId, TemplateSpec spec) {
    return pg.preparedQuery("INSERT INTO templates (id, user_id, type, channel, subject, body) VALUES ($1, $2, $3, $4, $5, $6)"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), userId, spec.type().name(), spec.channel(), spec.subject(), spec.body()))
        .map(rows -> toJson(rows.iterator().next()));
  }

  public Future<JsonObject> update(UUID id, String scope, TemplateSpec spec) {
    return pg.preparedQuery("UPDATE templates SET type = $3, channel = $4, subject = $5, body = $6, updated_at = now()"
            + " WHERE id = $1 AND" + Sql.owner(2) + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, scope, spec.type().name(), spec.channel(), spec.subject(), spec.body()))
        .map(rows -> Sql.first(rows, TemplateStore::toJson));
  }

  public Future<JsonObject> get(UUID id, String scope) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM templates WHERE id = $1 AND" + Sql.owner(2))
        .execute(Tuple.of(id, scope)).map(rows -> Sql.first(rows, TemplateStore::toJson));
  }

  public Future<JsonObject> list(String scope, Page page) {
    return Sql.page(pg, "templates", COLUMNS, scope, page, TemplateStore::toJson);
  }

  static JsonObject toJson(Row row) {
    return new JsonObject().put("id", row.getUUID("id").toString()).put("user_id", row.getString("user_id"))
        .put("type", row.getString("type")).put("channel", row.getString("channel")).put("subject", row.getString("subject"))
        .put("body", row.getString("body")).put("builtin", false)
        .put("created_at", Sql.instant(row, "created_at")).put("updated_at", Sql.instant(row, "updated_at"));
  }
}
