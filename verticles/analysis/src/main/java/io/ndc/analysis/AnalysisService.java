package io.ndc.analysis;

import io.ndc.analysis.live.LiveIndicatorVerticle;
import io.ndc.analysis.series.BarReader;
import io.ndc.analysis.series.SeriesCache;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Entry deployable of the analysis service: the query verticles (technical, custom, screen, chart) and live
 * indicators over one shared in-memory {@link SeriesCache}, which every storage data change invalidates (each query
 * verticle does so on its own event loop, {@link QueryVerticle}).
 */
public final class AnalysisService extends ServiceEntry {
  private SeriesStore store;
  private volatile LiveIndicatorVerticle live;

  @Override
  public ServiceName service() {
    return ServiceName.ANALYSIS;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.REDIS);
  }

  @Override
  protected String schema() {
    return null;
  }

  /** The node's series store (for tests). */
  public SeriesStore store() {
    return store;
  }

  @Override
  protected JsonObject healthDetails() {
    SeriesCache cache = store.cache();
    return new JsonObject().put("series_cache", new JsonObject().put("entries", cache.size()).put("bars", cache.bars())
        .put("hits", cache.hits()).put("misses", cache.misses()))
        .put("live", new JsonObject().put("leases", live == null ? 0 : live.leases()).put("streams", live == null ? 0 : live.streams()));
  }

  @Override
  protected Future<?> deployComponents() {
    AnalysisSettings settings = AnalysisSettings.of(config());
    store = new SeriesStore(new BarReader(vertx.eventBus(), settings.busTimeoutMs()),
        new SeriesCache(settings.seriesMaxEntries(), settings.seriesMaxBars()));
    return Future.all(
        deploy(() -> new TechnicalQueryVerticle(store)),
        deploy(() -> new CustomExpressionVerticle(store)),
        deploy(() -> new ScreenVerticle(store)),
        deploy(() -> new ChartVerticle(store)),
        deploy(() -> live = new LiveIndicatorVerticle(store)));
  }
}
