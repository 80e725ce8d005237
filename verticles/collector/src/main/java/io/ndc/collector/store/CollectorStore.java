package io.ndc.collector.store;

import io.ndc.contract.Page;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Table {@code collectors}. */
public final class CollectorStore {
  private static final String COLUMNS = "id, source_id, dataset, symbols, interval, start_date, end_date, live, params, created_at, updated_at";

  private final Pool pg;

  public CollectorStore(Pool pg) {
    this.pg = pg;
  }

  /** Inserts; with {@code ifAbsent} an existing id is left as it is (the demo's fixed ids). */
  public Future<Collector> insert(Collector c, boolean ifAbsent) {
    return pg.preparedQuery("INSERT INTO collectors (id, source_id, dataset, symbols, interval, start_date, end_date, live, params) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)" + (ifAbsent ? " ON CONFLICT (id) DO NOTHING" : ""))
        .execute(tuple(c))
        .recover(e -> Future.failedFuture(e instanceof PgException pe && "23503".equals(pe.getSqlState())
            ? Failure.validation("no source '" + c.sourceId() + "'") : e))
        .map(c);
  }

  public Future<Collector> update(Collector c) {
    return pg.preparedQuery("UPDATE collectors SET source_id = $2, dataset = $3, symbols = $4, interval = $5, start_date = $6, "
            + "end_date = $7, live = $8, params = $9, updated_at = now() WHERE id = $1")
        .execute(tuple(c))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw Failure.notFound("no collector " + c.id());
          }
          return c;
        });
  }

  private static Tuple tuple(Collector c) {
    return Tuple.of(c.id(), c.sourceId(), c.dataset().id(), c.symbols().toArray(String[]::new), c.interval(), c.startDate(),
        c.endDate(), c.live()).addValue(c.params());
  }

  public Future<Collector> get(UUID id) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM collectors WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw Failure.notFound("no collector " + id);
      }
      return Collector.fromRow(rows.iterator().next());
    });
  }

  public Future<Boolean> delete(UUID id) {
    return pg.preparedQuery("DELETE FROM collectors WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  public Future<JsonObject> list(Page page) {
    return pg.preparedQuery("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM collectors ORDER BY created_at, id LIMIT $1 OFFSET $2")
        .execute(Tuple.of(page.limit(), page.offset()))
        .compose(rows -> {
          JsonArray items = new JsonArray();
          long total = 0;
          for (Row row : rows) {
            items.add(json(row));
            total = row.getLong("total");
          }
          if (items.isEmpty() && page.page() > 1) {
            return pg.query("SELECT count(*) FROM collectors").execute().map(r -> page.reply(items, r.iterator().next().getLong(0)));
          }
          return Future.succeededFuture(page.reply(items, total));
        });
  }

  public Future<List<Collector>> live() {
    return pg.query("SELECT " + COLUMNS + " FROM collectors WHERE live").execute().map(CollectorStore::collectors);
  }

  private static List<Collector> collectors(RowSet<Row> rows) {
    List<Collector> list = new ArrayList<>();
    rows.forEach(row -> list.add(Collector.fromRow(row)));
    return list;
  }

  static JsonObject json(Row row) {
    return Collector.fromRow(row).toJson().put("created_at", Rows.instant(row, "created_at")).put("updated_at", Rows.instant(row, "updated_at"));
  }

  public Future<JsonObject> getJson(UUID id) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM collectors WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw Failure.notFound("no collector " + id);
      }
      return json(rows.iterator().next());
    });
  }

  /** Records a live feed event (ownership, drop, reconnect, gap and repair). */
  public Future<Void> feedEvent(UUID collectorId, String kind, String node, JsonObject details) {
    return pg.preparedQuery("INSERT INTO feed_events (collector_id, kind, node, details) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(collectorId, kind, node, details)).mapEmpty();
  }
}
