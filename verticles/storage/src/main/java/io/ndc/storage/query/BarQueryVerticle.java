package io.ndc.storage.query;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.ndc.storage.cache.MarketCache;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/** Serves bar series, the newest bar time and bar version history over the bus. */
public final class BarQueryVerticle extends VerticleBase {
  private MarketCache cache;

  @Override
  public Future<?> start() {
    Pool pg = StorageConfig.pool(vertx, config());
    cache = new MarketCache(vertx, config());
    BarQuery bars = new BarQuery(pg, cache, StorageConfig.from(config()).maxQueryPoints());
    VersionQuery versions = new VersionQuery(pg);
    return Future.all(
        vertx.eventBus().consumer(StorageAddresses.BARS_QUERY, Handlers.json(bars::prices)).completion(),
        vertx.eventBus().consumer(StorageAddresses.BARS_LAST, Handlers.json(bars::last)).completion(),
        vertx.eventBus().consumer(StorageAddresses.BARS_VERSIONS, Handlers.json(versions::versions)).completion());
  }

  @Override
  public Future<?> stop() {
    return cache.close();
  }
}
