package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.ndc.contract.notify.SubscriptionSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** {@code notify.subscriptions}: where a user's notifications go by topic. */
public final class SubscriptionStore {
  private static final String COLUMNS = "id, user_id, topic, channels, created_at";

  private final Pool pg;

  public SubscriptionStore(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> create(String userId, SubscriptionSpec spec) {
    return pg.preparedQuery("INSERT INTO subscriptions (id, user_id, topic, channels) VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), userId, spec.topic(), new JsonArray(spec.channels())))
        .map(rows -> toJson(rows.iterator().next()));
  }

  public Future<JsonObject> list(String scope, Page page) {
    return Sql.page(pg, "subscriptions", COLUMNS, scope, page, SubscriptionStore::toJson);
  }

  /** The channels {@code userId}'s subscriptions to {@code topic} name, without repeats. */
  public Future<JsonArray> channels(String userId, String topic) {
    return pg.preparedQuery("SELECT DISTINCT jsonb_array_elements_text(channels) AS channel FROM subscriptions"
            + " WHERE user_id = $1 AND topic = $2")
        .execute(Tuple.of(userId, topic)).map(rows -> Sql.all(rows, row -> row.getString("channel")));
  }

  static JsonObject toJson(Row row) {
    return new JsonObject().put("id", row.getUUID("id").toString()).put("user_id", row.getString("user_id"))
        .put("topic", row.getString("topic")).put("channels", row.getJsonArray("channels"))
        .put("created_at", Sql.instant(row, "created_at"));
  }
}
