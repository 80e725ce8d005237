package io.ndc.auth.store;

import io.ndc.contract.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Security events (logins, failures, token reuse, role changes...) that admins can query. */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final Pool pg;

  public AuditLog(Pool pg) {
    this.pg = pg;
  }

  /**
   * Records an event. The caller's operation does not wait for or fail on the audit write; a failed write is logged
   * with the event so it is not lost from the operator's view.
   */
  public void record(String event, String actorId, String userId, String requestId, JsonObject details) {
    pg.preparedQuery("INSERT INTO audit_log (event, actor_id, user_id, request_id, details) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(event, actorId, Accounts.uuidOrNull(userId), requestId, details == null ? new JsonObject() : details))
        .onFailure(e -> LOG.error("audit write failed for event {} user {} details {}", event, userId, details, e));
  }

  /** Newest first; {@code user} and {@code event} filter when not null. */
  public Future<JsonObject> query(UUID user, String event, Page page) {
    String where = " WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::text IS NULL OR event = $2)";
    return pg.preparedQuery("SELECT id, at, event, actor_id, user_id::text AS user_id, request_id, details FROM audit_log"
            + where + " ORDER BY id DESC LIMIT $3 OFFSET $4")
        .execute(Tuple.of(user, event, page.limit(), page.offset()))
        .compose(rows -> pg.preparedQuery("SELECT count(*) FROM audit_log" + where).execute(Tuple.of(user, event))
            .map(count -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(new JsonObject()
                  .put("id", r.getLong("id"))
                  .put("at", r.getOffsetDateTime("at").toInstant().toString())
                  .put("event", r.getString("event"))
                  .put("actor_id", r.getString("actor_id"))
                  .put("user_id", r.getString("user_id"))
                  .put("request_id", r.getString("request_id"))
                  .put("details", r.getJsonObject("details"))));
              return page.reply(items, count.iterator().next().getLong(0));
            }));
  }
}
