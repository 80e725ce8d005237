package io.ndc.storage;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.config.Settings;
import io.ndc.platform.service.ServiceEntry;
import io.ndc.storage.ingest.BarIngestVerticle;
import io.ndc.storage.ingest.BatchVerticle;
import io.ndc.storage.instruments.InstrumentVerticle;
import io.ndc.storage.partition.PartitionMaintenanceVerticle;
import io.ndc.storage.query.BarQueryVerticle;
import io.ndc.storage.series.SeriesVerticle;
import io.ndc.storage.tails.BarTailsVerticle;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Entry deployable of the storage service: partitions first (so ingest finds today's ready), then ingest and
 * query verticles; the hot paths run {@code storage.instances} copies (default 2, one per core here).
 */
public final class StorageService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.STORAGE;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.REDIS);
  }

  @Override
  protected String schema() {
    return "market";
  }

  /** The pool with storage's own settings: opened here first, so the pool every storage verticle uses has them. */
  @Override
  protected Pool openPool() {
    return StorageConfig.pool(vertx, config());
  }

  @Override
  protected Future<?> deployComponents() {
    int instances = Settings.of(config()).integer("storage.instances");
    return deploy(PartitionMaintenanceVerticle::new).compose(v -> Future.all(
        deploy(BarIngestVerticle::new, instances),
        deploy(BarQueryVerticle::new, instances),
        deploy(InstrumentVerticle::new),
        deploy(BatchVerticle::new),
        deploy(SeriesVerticle::new),
        deploy(BarTailsVerticle::new)));
  }
}
