package io.ndc.storage.instruments;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.ndc.storage.cache.MarketCache;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Serves the instrument list, one instrument with its latest price, and instrument upserts over the bus. */
public final class InstrumentVerticle extends VerticleBase {
  private MarketCache cache;

  @Override
  public Future<?> start() {
    cache = MarketCache.withNearCache(vertx, config());
    Instruments instruments = new Instruments(StorageConfig.pool(vertx, config()), cache);
    return Future.all(
        vertx.eventBus().consumer(StorageAddresses.INSTRUMENTS_LIST, Handlers.json(instruments::list)).completion(),
        vertx.eventBus().consumer(StorageAddresses.INSTRUMENT_GET, Handlers.json(instruments::get)).completion(),
        vertx.eventBus().consumer(StorageAddresses.INSTRUMENTS_UPSERT, Handlers.json(instruments::upsert)).completion());
  }

  @Override
  public Future<?> stop() {
    return cache.close();
  }
}
