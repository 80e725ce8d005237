package io.ndc.storage.series;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.storage.StorageConfig;
import io.ndc.storage.cache.MarketCache;
import io.ndc.storage.ingest.BatchCommitted;
import io.ndc.storage.ingest.KnownSymbols;
import io.ndc.storage.partition.Partitions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/** Serves ingest and queries of trades, trading trends and financials over the bus. */
public final class SeriesVerticle extends VerticleBase {
  private MarketCache cache;

  @Override
  public Future<?> start() {
    StorageConfig settings = StorageConfig.from(config());
    Pool pg = StorageConfig.pool(vertx, config());
    cache = new MarketCache(vertx, config());
    Partitions partitions = new Partitions(vertx, pg, settings.database());
    KnownSymbols known = new KnownSymbols(vertx, settings.database());
    BatchCommitted committed = new BatchCommitted(vertx.eventBus(), cache);
    SeriesIngest trades = new SeriesIngest(pg, partitions, known, committed, SeriesTable.TRADES, "trades",
        settings.maxRows(), settings.ingestLimits());
    SeriesIngest trends = new SeriesIngest(pg, partitions, known, committed, SeriesTable.TRENDS, "rows",
        settings.maxRows(), settings.ingestLimits());
    SeriesIngest financials = new SeriesIngest(pg, partitions, known, committed, SeriesTable.FINANCIALS, "rows",
        settings.maxRows(), settings.ingestLimits());
    SeriesQuery query = new SeriesQuery(pg);
    return Future.all(java.util.List.of(
        vertx.eventBus().consumer(StorageAddresses.TRADES_INGEST, Handlers.json(trades::ingest)).completion(),
        vertx.eventBus().consumer(StorageAddresses.TRENDS_INGEST, Handlers.json(trends::ingest)).completion(),
        vertx.eventBus().consumer(StorageAddresses.FINANCIALS_INGEST, Handlers.json(financials::ingest)).completion(),
        vertx.eventBus().consumer(StorageAddresses.TRADES_QUERY, Handlers.json(query::trades)).completion(),
        vertx.eventBus().consumer(StorageAddresses.TRENDS_QUERY, Handlers.json(query::trends)).completion(),
        vertx.eventBus().consumer(StorageAddresses.FINANCIALS_QUERY, Handlers.json(query::financials)).completion()));
  }

  @Override
  public Future<?> stop() {
    return cache.close();
  }
}
