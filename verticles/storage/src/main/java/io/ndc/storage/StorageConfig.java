package io.ndc.storage;

import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.ConfigPath;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The storage settings (under {@code storage.*}) with their defaults, read in one place. */
public record StorageConfig(String database, int maxRows, Duration intradayRetention, int partitionDaysAhead,
    long maintenanceIntervalMs, int maxQueryPoints) {

  public static StorageConfig from(JsonObject config) {
    return new StorageConfig(
        Postgres.connectOptions(config).getDatabase(),
        ConfigPath.integer(config, "storage.ingest.max_rows", 100_000),
        Duration.ofDays(ConfigPath.integer(config, "storage.intraday_retention_days", 30)),
        ConfigPath.integer(config, "storage.partitions.days_ahead", 7),
        ConfigPath.longValue(config, "storage.partitions.check_interval_ms", 3_600_000L),
        ConfigPath.integer(config, "storage.query.max_points", 100_000));
  }
}
