package io.ndc.storage.ingest;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.ndc.storage.cache.MarketCache;
import io.ndc.storage.partition.Partitions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/** Serves bar ingest over the bus: JSON batches ({@code ndc.storage.bars.ingest}) and CSV imports. */
public final class BarIngestVerticle extends VerticleBase {
  private MarketCache cache;

  @Override
  public Future<?> start() {
    StorageConfig settings = StorageConfig.from(config());
    Pool pg = StorageConfig.pool(vertx, config());
    cache = new MarketCache(vertx, config());
    BarIngest ingest = new BarIngest(vertx, new BarWriter(pg, new Partitions(vertx, pg, settings.database()),
        new KnownSymbols(vertx, settings.database())),
        new BatchCommitted(vertx.eventBus(), cache), settings.maxRows(), settings.ingestLimits());
    return Future.all(
        vertx.eventBus().consumer(StorageAddresses.BARS_INGEST, Handlers.json(ingest::ingestJson)).completion(),
        vertx.eventBus().consumer(StorageAddresses.BARS_IMPORT, Handlers.json(ingest::ingestCsv)).completion());
  }

  @Override
  public Future<?> stop() {
    return cache.close();
  }
}
