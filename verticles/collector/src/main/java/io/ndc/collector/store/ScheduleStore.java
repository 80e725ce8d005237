package io.ndc.collector.store;

import io.ndc.contract.Page;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Table {@code schedules}: a cron expression per collector and its next fire time. */
public final class ScheduleStore {
  private static final String COLUMNS = "id, collector_id, cron, timezone, next_fire_at, last_fired_at, created_at";

  /** A schedule that is due. */
  public record Due(UUID id, UUID collectorId, String cron, String timezone, Instant fireAt) {
  }

  private final Pool pg;

  public ScheduleStore(Pool pg) {
    this.pg = pg;
  }

  public Future<JsonObject> create(UUID collectorId, String cron, String timezone, Instant next) {
    return pg.preparedQuery("INSERT INTO schedules (id, collector_id, cron, timezone, next_fire_at) VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), collectorId, cron, timezone, utc(next)))
        .recover(e -> Future.failedFuture(e instanceof PgException pe && "23503".equals(pe.getSqlState())
            ? Failure.validation("no collector " + collectorId) : e))
        .map(rows -> toJson(rows.iterator().next()));
  }

  public Future<Boolean> delete(UUID id) {
    return pg.preparedQuery("DELETE FROM schedules WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  public Future<JsonObject> list(Page page) {
    Future<Long> total = pg.query("SELECT count(*) FROM schedules").execute().map(r -> r.iterator().next().getLong(0));
    Future<JsonArray> items = pg.preparedQuery("SELECT " + COLUMNS + " FROM schedules ORDER BY created_at, id LIMIT $1 OFFSET $2")
        .execute(Tuple.of(page.limit(), page.offset()))
        .map(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(row -> array.add(toJson(row)));
          return array;
        });
    return Future.all(total, items).map(v -> page.reply(items.result(), total.result()));
  }

  public Future<List<Due>> due(Instant now) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM schedules WHERE next_fire_at <= $1 ORDER BY next_fire_at LIMIT 100")
        .execute(Tuple.of(utc(now)))
        .map(rows -> {
          List<Due> due = new ArrayList<>();
          rows.forEach(row -> due.add(new Due(row.getUUID("id"), row.getUUID("collector_id"), row.getString("cron"),
              row.getString("timezone"), row.getOffsetDateTime("next_fire_at").toInstant())));
          return due;
        });
  }

  /** Moves a schedule past a firing; only if it still expects that firing, so a fire happens once. */
  public Future<Boolean> advance(Due due, Instant next) {
    return pg.preparedQuery("UPDATE schedules SET next_fire_at = $3, last_fired_at = $2 WHERE id = $1 AND next_fire_at = $2")
        .execute(Tuple.of(due.id(), utc(due.fireAt()), utc(next)))
        .map(rows -> rows.rowCount() > 0);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("collector_id", row.getUUID("collector_id").toString())
        .put("cron", row.getString("cron"))
        .put("timezone", row.getString("timezone"))
        .put("next_fire_at", Rows.instant(row, "next_fire_at"))
        .put("last_fired_at", Rows.instant(row, "last_fired_at"))
        .put("created_at", Rows.instant(row, "created_at"));
  }
}
