package io.ndc.storage.ingest;

import io.ndc.contract.Failure;
import io.ndc.storage.bars.Interval;
import io.ndc.contract.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Ingest batches: their record, their rejected rows, and the rollback of a bar batch. */
public final class Batches {
  /**
   * One statement: the batch's rows are found through its interval, time range and symbols (no index on batch_id
   * slows every ingest down for the sake of rare rollbacks); rows the batch inserted and that are still its own are removed (and archived); rows it revised
   * that are still its own get the replaced values back as a new version (the trigger archives the batch's row);
   * the rollback is recorded as a batch of its own and the target is marked rolled back.
   */
  private static final String ROLLBACK = """
      WITH target AS (SELECT * FROM ingest_batches WHERE id = $1 AND kind = 'bars' AND status = 'committed' FOR UPDATE),
      rid AS MATERIALIZED (SELECT nextval('ingest_batches_id_seq') AS id FROM target),
      prev AS (SELECT v.* FROM bar_versions v JOIN target t ON v.interval = t.interval
               WHERE v.replaced_by_batch = $1 AND v.ts BETWEEN t.from_ts AND t.to_ts),
      restored AS (UPDATE bars b SET open = p.open, high = p.high, low = p.low, close = p.close, volume = p.volume,
                     adj_close = p.adj_close, source = p.source, version = b.version + 1, batch_id = rid.id,
                     recorded_at = now()
                   FROM prev p, rid, target t
                   WHERE b.interval = t.interval AND b.ts BETWEEN t.from_ts AND t.to_ts
                     AND b.symbol = p.symbol AND b.ts = p.ts AND b.batch_id = $1
                   RETURNING b.symbol),
      removed AS (DELETE FROM bars b USING target t
                  WHERE b.interval = t.interval AND b.ts BETWEEN t.from_ts AND t.to_ts AND b.symbol = ANY (t.symbols)
                    AND b.batch_id = $1
                    AND NOT EXISTS (SELECT 1 FROM prev p WHERE p.symbol = b.symbol AND p.ts = b.ts)
                  RETURNING b.*),
      archived AS (INSERT INTO bar_versions (symbol, interval, ts, open, high, low, close, volume, adj_close, source,
                                             version, batch_id, recorded_at, replaced_at, replaced_by_batch)
                   SELECT r.symbol, r.interval, r.ts, r.open, r.high, r.low, r.close, r.volume, r.adj_close, r.source,
                          r.version, r.batch_id, r.recorded_at, now(), rid.id FROM removed r, rid),
      marked AS (UPDATE ingest_batches SET status = 'rolled_back', rolled_back_by = rid.id FROM rid
                 WHERE ingest_batches.id = $1),
      counts AS (SELECT (SELECT count(*) FROM restored) AS restored, (SELECT count(*) FROM removed) AS removed)
      INSERT INTO ingest_batches (id, kind, source, interval, accepted, unchanged, revised, rejected, symbols, from_ts,
                                  to_ts, rolls_back)
      SELECT rid.id, 'rollback', 'rollback', t.interval, 0, 0, c.restored + c.removed, 0, t.symbols, t.from_ts,
             t.to_ts, t.id
      FROM rid, target t, counts c
      RETURNING id, symbols, interval, from_ts, to_ts,
                (SELECT restored FROM counts) AS restored, (SELECT removed FROM counts) AS removed,
                (SELECT accepted + revised FROM target) AS touched""";

  private final Pool pg;
  private final BatchCommitted committed;

  public Batches(Pool pg, BatchCommitted committed) {
    this.pg = pg;
    this.committed = committed;
  }

  public Future<JsonObject> get(JsonObject request) {
    long id = id(request);
    return pg.preparedQuery("SELECT * FROM ingest_batches WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw Failure.notFound("no batch " + id);
      }
      return batch(rows.iterator().next());
    });
  }

  public Future<JsonObject> rejections(JsonObject request) {
    long id = id(request);
    Page page = Page.fromJson(request, 100);
    return get(request).compose(batch -> pg.preparedQuery("SELECT row_index, symbol, reason, raw FROM rejections"
        + " WHERE batch_id = $1 ORDER BY row_index LIMIT $2 OFFSET $3")
        .execute(Tuple.of(id, page.limit(), page.offset()))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(new JsonObject().put("row_index", row.getInteger("row_index"))
              .put("symbol", row.getString("symbol")).put("reason", row.getString("reason"))
              .put("raw", row.getValue("raw"))));
          return page.reply(items, batch.getInteger("rejected"));
        }));
  }

  public Future<JsonObject> rollback(JsonObject request) {
    long id = id(request);
    return get(request).compose(batch -> {
      if (!"bars".equals(batch.getString("kind"))) {
        return Future.failedFuture(Failure.validation("only bar batches can be rolled back (batch " + id + " is "
            + batch.getString("kind") + ")"));
      }
      if (!"committed".equals(batch.getString("status"))) {
        return Future.failedFuture(Failure.conflict("batch " + id + " is already " + batch.getString("status")));
      }
      return pg.preparedQuery(ROLLBACK).execute(Tuple.of(id)).compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Failure.conflict("batch " + id + " was rolled back concurrently"));
        }
        Row row = rows.iterator().next();
        long restored = row.getLong("restored");
        long removed = row.getLong("removed");
        JsonObject reply = new JsonObject().put("batch_id", id).put("rollback_batch_id", row.getLong("id"))
            .put("removed", removed).put("restored", restored)
            .put("skipped", row.getInteger("touched") - restored - removed);
        OffsetDateTime from = row.getOffsetDateTime("from_ts");
        OffsetDateTime to = row.getOffsetDateTime("to_ts");
        if (restored + removed == 0) {
          return Future.succeededFuture(reply);
        }
        return committed.changed(row.getLong("id"), "rollback", Arrays.asList(row.getArrayOfStrings("symbols")),
            Interval.parse(row.getString("interval")), from.toInstant(), to.toInstant()).map(v -> reply);
      });
    });
  }

  private static long id(JsonObject request) {
    Object value = request.getValue("id");
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw Failure.validation("batch id must be a number (got '" + value + "')");
    }
  }

  private static JsonObject batch(Row row) {
    OffsetDateTime from = row.getOffsetDateTime("from_ts");
    OffsetDateTime to = row.getOffsetDateTime("to_ts");
    return new JsonObject().put("id", row.getLong("id")).put("kind", row.getString("kind"))
        .put("source", row.getString("source")).put("interval", row.getString("interval"))
        .put("status", row.getString("status")).put("accepted", row.getInteger("accepted"))
        .put("unchanged", row.getInteger("unchanged")).put("revised", row.getInteger("revised"))
        .put("rejected", row.getInteger("rejected"))
        .put("symbols", new JsonArray(Arrays.asList(row.getArrayOfStrings("symbols"))))
        .put("from", from == null ? null : from.toInstant().toString())
        .put("to", to == null ? null : to.toInstant().toString())
        .put("rolls_back", row.getLong("rolls_back")).put("rolled_back_by", row.getLong("rolled_back_by"))
        .put("created_at", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
