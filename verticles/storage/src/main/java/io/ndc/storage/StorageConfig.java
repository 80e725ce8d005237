package io.ndc.storage;

import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/** The storage settings (under {@code storage.*}) with their defaults, read in one place. */
public record StorageConfig(String database, int maxRows, Duration intradayRetention, int partitionDaysAhead,
    long maintenanceIntervalMs, int maxQueryPoints) {

  /**
   * The service's pool on schema {@code market}, with the prepared statement cache on: ingest and query statements
   * are few, long and hot, and are written to keep good plans when PostgreSQL switches to generic ones. The pool is
   * shared and keeps the options it was first opened with, so {@link StorageService} opens it this way before
   * anything else does.
   */
  public static Pool pool(Vertx vertx, JsonObject config) {
    JsonObject withCache = config.copy();
    ConfigPath.put(withCache, "pg.cache_prepared_statements", true);
    return Postgres.pool(vertx, withCache, "market");
  }

  public static StorageConfig from(JsonObject config) {
    return new StorageConfig(
        Postgres.connectOptions(config).getDatabase(),
        Settings.of(config).integer("storage.ingest.max_rows"),
        Duration.ofDays(Settings.of(config).integer("storage.intraday_retention_days")),
        Settings.of(config).integer("storage.partitions.days_ahead"),
        Settings.of(config).longValue("storage.partitions.check_interval_ms"),
        Settings.of(config).integer("storage.query.max_points"));
  }
}
