package io.ndc.storage.partition;

import io.ndc.storage.StorageConfig;
import io.ndc.storage.bars.Interval;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the time partitions ready: at start and then every {@code storage.partitions.check_interval_ms} it creates
 * the partitions of today and the next {@code storage.partitions.days_ahead} days (this year and the next for daily
 * bars and trends) and drops intraday bar and trade partitions older than {@code storage.intraday_retention_days}.
 * Running it on several nodes at once is harmless: creation and dropping are idempotent.
 */
public final class PartitionMaintenanceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenanceVerticle.class);
  /** Parents with day partitions: intraday bars and trades. */
  static final List<String> DAILY_PARENTS = List.of(Interval.M1.table(), Interval.M5.table(), Interval.M15.table(),
      Interval.H1.table(), "trades");
  static final List<String> YEARLY_PARENTS = List.of(Interval.DAILY.table(), "trading_trends");

  private Pool pg;
  private Partitions partitions;
  private StorageConfig settings;
  private long timer = -1;

  @Override
  public Future<?> start() {
    settings = StorageConfig.from(config());
    pg = StorageConfig.pool(vertx, config());
    partitions = new Partitions(vertx, pg, settings.database());
    return runOnce(Instant.now()).onSuccess(v -> timer = vertx.setPeriodic(settings.maintenanceIntervalMs(),
        id -> runOnce(Instant.now()).onFailure(e -> LOG.warn("partition maintenance failed: {}", e.getMessage()))));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }

  /** One pass at instant {@code now}: reply {@code {"created":[...],"dropped":[...]}}. */
  public Future<JsonObject> runOnce(Instant now) {
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    Instant horizon = today.plus(Duration.ofDays(settings.partitionDaysAhead()));
    Instant nextYear = today.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
    Instant cutoff = today.minus(settings.intradayRetention());
    List<Future<?>> created = new ArrayList<>();
    DAILY_PARENTS.forEach(p -> created.add(partitions.ensure(p, today, horizon)));
    YEARLY_PARENTS.forEach(p -> created.add(partitions.ensure(p, today, nextYear)));
    return Future.all(created).compose(v -> drop(cutoff)).map(dropped -> new JsonObject()
        .put("dropped", new JsonArray(dropped)));
  }

  private Future<List<String>> drop(Instant cutoff) {
    List<String> dropped = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String parent : DAILY_PARENTS) {
      chain = chain.compose(v -> pg.preparedQuery("SELECT drop_partitions_before($1, $2) AS name")
          .execute(Tuple.of(parent, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))
          .map(rows -> {
            for (Row row : rows) {
              dropped.add(row.getString("name"));
            }
            return null;
          }));
    }
    return chain.map(v -> {
      partitions.forget(dropped);
      if (!dropped.isEmpty()) {
        LOG.info("dropped {} partitions past the intraday retention: {}", dropped.size(), dropped);
      }
      return dropped;
    });
  }
}
