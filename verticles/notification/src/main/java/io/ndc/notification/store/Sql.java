package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.OffsetDateTime;
import java.util.function.Function;

/** Small helpers the stores share. */
final class Sql {
  /** The owner filter: {@code $n} null (admin) or the owner's id. */
  static String owner(int n) {
    return " ($" + n + "::text IS NULL OR user_id = $" + n + ")";
  }

  /** One page of a user's rows of {@code table} (everyone's for admin), oldest first, in the list shape. */
  static Future<JsonObject> page(Pool pg, String table, String columns, String scope, Page page, Function<Row, Object> mapper) {
    return pg.preparedQuery("SELECT " + columns + ", count(*) OVER () AS total FROM " + table + " WHERE" + owner(1)
            + " ORDER BY created_at, id LIMIT $2 OFFSET $3")
        .execute(Tuple.of(scope, page.limit(), page.offset()))
        .map(rows -> page.reply(all(rows, mapper), total(rows)));
  }

  static String instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().toString();
  }

  static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.iterator().hasNext() ? mapper.apply(rows.iterator().next()) : null;
  }

  static JsonArray all(RowSet<Row> rows, Function<Row, Object> mapper) {
    JsonArray out = new JsonArray();
    rows.forEach(row -> out.add(mapper.apply(row)));
    return out;
  }

  static long total(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? rows.iterator().next().getLong("total") : 0;
  }

  private Sql() {
  }
}
