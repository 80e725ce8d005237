package io.ndc.collector.store;

import io.ndc.contract.Page;
import io.ndc.collector.source.SourceDefinition;
import io.ndc.contract.Failure;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** Table {@code sources}: API keys are sealed with {@link SecretBox} and only opened into a {@link SourceDefinition}. */
public final class SourceStore {
  public static final String KEY_PURPOSE = "collector.source.api_key";
  private static final String COLUMNS = "id, type, base_url, api_key_sealed, quota_per_minute, quota_burst, params, last_message_at, reconnects, created_at, updated_at";

  private final Pool pg;
  private final SecretBox box;

  public SourceStore(Pool pg, SecretBox box) {
    this.pg = pg;
    this.box = box;
  }

  /** Inserts a source; {@code ifAbsent} makes it idempotent (the demo), otherwise an existing id is a conflict. */
  public Future<Row> insert(SourceDefinition d, boolean ifAbsent) {
    String sealed = d.apiKey() == null || d.apiKey().isEmpty() ? null : box.sealText(d.apiKey(), KEY_PURPOSE);
    return pg.preparedQuery("INSERT INTO sources (id, type, base_url, api_key_sealed, quota_per_minute, quota_burst, params) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            + (ifAbsent ? " ON CONFLICT (id) DO NOTHING" : "") + " RETURNING " + COLUMNS)
        .execute(Tuple.of(d.id(), d.type(), d.baseUrl(), sealed, d.quotaPerMinute(), d.quotaBurst(), d.params()))
        .recover(e -> Future.failedFuture(e instanceof PgException pe && "23505".equals(pe.getSqlState())
            ? Failure.conflict("a source with id '" + d.id() + "' already exists") : e))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
  }

  public Future<SourceDefinition> definition(String id) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM sources WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw Failure.notFound("no source '" + id + "'");
      }
      Row row = rows.iterator().next();
      String sealed = row.getString("api_key_sealed");
      return new SourceDefinition(row.getString("id"), row.getString("type"), row.getString("base_url"),
          sealed == null ? null : box.openText(sealed, KEY_PURPOSE), row.getInteger("quota_per_minute"), row.getInteger("quota_burst"), (JsonObject) row.getValue("params"));
    });
  }

  public Future<JsonObject> list(Page page) {
    return pg.preparedQuery("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM sources ORDER BY id LIMIT $1 OFFSET $2")
        .execute(Tuple.of(page.limit(), page.offset()))
        .compose(rows -> {
          JsonArray items = new JsonArray();
          long total = 0;
          for (Row row : rows) {
            items.add(toJson(row));
            total = row.getLong("total");
          }
          if (items.isEmpty() && page.page() > 1) {
            return count().map(n -> page.reply(items, n));
          }
          return Future.succeededFuture(page.reply(items, total));
        });
  }

  private Future<Long> count() {
    return pg.query("SELECT count(*) FROM sources").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** The live status a feed owner reports, so GET /sources on any node shows it. */
  public Future<Void> recordStatus(String id, long lastMessageMillis, long reconnects) {
    OffsetDateTime last = lastMessageMillis == 0 ? null
        : OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(lastMessageMillis), java.time.ZoneOffset.UTC);
    return pg.preparedQuery("UPDATE sources SET last_message_at = greatest(last_message_at, $2), reconnects = greatest(reconnects, $3) WHERE id = $1")
        .execute(Tuple.of(id, last, reconnects)).mapEmpty();
  }

  /** A source as the API shows it: never the key, only whether one is set. */
  public static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("type", row.getString("type"))
        .put("base_url", row.getString("base_url"))
        .put("has_api_key", row.getString("api_key_sealed") != null)
        .put("quota_per_minute", row.getInteger("quota_per_minute"))
        .put("quota_burst", row.getInteger("quota_burst"))
        .put("params", row.getValue("params"))
        .put("last_message_at", Rows.instant(row, "last_message_at"))
        .put("reconnects", row.getLong("reconnects"))
        .put("created_at", Rows.instant(row, "created_at"))
        .put("updated_at", Rows.instant(row, "updated_at"));
  }
}
