package io.ndc.collector.store;

import io.ndc.contract.Page;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Table {@code jobs}: {@code queued → running → succeeded}, or {@code running → retrying → running ...}, or
 * {@code dead} after the last attempt or a request the source rejects. Row counts are those storage replied.
 */
public final class JobStore {
  public static final Set<String> STATUSES = Set.of("queued", "running", "retrying", "succeeded", "dead");
  private static final String COLUMNS = "id, collector_id, trigger, status, attempts, accepted, unchanged, revised, rejected, error, "
      + "created_at, started_at, finished_at, updated_at";

  private final Pool pg;

  public JobStore(Pool pg) {
    this.pg = pg;
  }

  public Future<UUID> create(UUID collectorId, String trigger) {
    UUID id = UUID.randomUUID();
    return pg.preparedQuery("INSERT INTO jobs (id, collector_id, trigger, status) VALUES ($1, $2, $3, 'queued')")
        .execute(Tuple.of(id, collectorId, trigger)).map(id);
  }

  /** Starts an attempt; null when the job no longer exists or is already finished (a redelivered duplicate). */
  public Future<Integer> start(UUID id) {
    return pg.preparedQuery("UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), "
            + "updated_at = now() WHERE id = $1 AND status NOT IN ('succeeded', 'dead') RETURNING attempts")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : null);
  }

  /** A throttled attempt gives its attempt back: it never reached the source's answer. */
  public Future<Void> waitThrottled(UUID id, String reason) {
    return pg.preparedQuery("UPDATE jobs SET status = 'retrying', attempts = greatest(attempts - 1, 0), error = $2, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id, reason)).mapEmpty();
  }

  public Future<Void> retrying(UUID id, String error, RowCounts rows) {
    return finish(id, "retrying", error, rows, false);
  }

  public Future<Void> succeeded(UUID id, RowCounts rows) {
    return finish(id, "succeeded", null, rows, true);
  }

  public Future<Void> dead(UUID id, String error, RowCounts rows) {
    return finish(id, "dead", error, rows, true);
  }

  private Future<Void> finish(UUID id, String status, String error, RowCounts rows, boolean finished) {
    return pg.preparedQuery("UPDATE jobs SET status = $2, error = $3, accepted = accepted + $4, unchanged = unchanged + $5, "
            + "revised = revised + $6, rejected = rejected + $7, updated_at = now()"
            + (finished ? ", finished_at = now()" : "") + " WHERE id = $1")
        .execute(Tuple.of(id, status, error, rows.accepted(), rows.unchanged(), rows.revised(), rows.rejected()))
        .mapEmpty();
  }

  public Future<JsonObject> get(UUID id) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw Failure.notFound("no job " + id);
      }
      return toJson(rows.iterator().next());
    });
  }

  public Future<JsonObject> list(UUID collectorId, String status, Page page) {
    if (status != null && !STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + new java.util.TreeSet<>(STATUSES));
    }
    List<String> where = new ArrayList<>();
    Tuple args = Tuple.tuple();
    if (collectorId != null) {
      args.addValue(collectorId);
      where.add("collector_id = $" + args.size());
    }
    if (status != null) {
      args.addValue(status);
      where.add("status = $" + args.size());
    }
    String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    Tuple pageArgs = Tuple.tuple();
    for (int i = 0; i < args.size(); i++) {
      pageArgs.addValue(args.getValue(i));
    }
    pageArgs.addValue(page.limit()).addValue(page.offset());
    Future<Long> total = pg.preparedQuery("SELECT count(*) FROM jobs" + filter).execute(args).map(r -> r.iterator().next().getLong(0));
    Future<JsonArray> items = pg.preparedQuery("SELECT " + COLUMNS + " FROM jobs" + filter + " ORDER BY created_at DESC, id LIMIT $"
            + (args.size() + 1) + " OFFSET $" + (args.size() + 2))
        .execute(pageArgs)
        .map(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(row -> array.add(toJson(row)));
          return array;
        });
    return Future.all(total, items).map(v -> page.reply(items.result(), total.result()));
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("collector_id", row.getUUID("collector_id").toString())
        .put("trigger", row.getString("trigger"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("rows", new RowCounts(row.getLong("accepted"), row.getLong("unchanged"), row.getLong("revised"), row.getLong("rejected")).toJson())
        .put("error", row.getString("error"))
        .put("created_at", Rows.instant(row, "created_at"))
        .put("started_at", Rows.instant(row, "started_at"))
        .put("finished_at", Rows.instant(row, "finished_at"))
        .put("updated_at", Rows.instant(row, "updated_at"));
  }
}
