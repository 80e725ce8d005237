package io.ndc.storage.ingest;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.ndc.storage.cache.MarketCache;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Serves batch records, their rejections and bar batch rollbacks over the bus. */
public final class BatchVerticle extends VerticleBase {
  private MarketCache cache;

  @Override
  public Future<?> start() {
    cache = new MarketCache(vertx, config());
    Batches batches = new Batches(StorageConfig.pool(vertx, config()), new BatchCommitted(vertx.eventBus(), cache));
    return Future.all(
        vertx.eventBus().consumer(StorageAddresses.BATCH_GET, Handlers.json(batches::get)).completion(),
        vertx.eventBus().consumer(StorageAddresses.BATCH_REJECTIONS, Handlers.json(batches::rejections)).completion(),
        vertx.eventBus().consumer(StorageAddresses.BATCH_ROLLBACK, Handlers.json(batches::rollback)).completion());
  }

  @Override
  public Future<?> stop() {
    return cache.close();
  }
}
