package io.ndc.analysis;

import io.ndc.analysis.live.LiveIndicatorVerticle;
import io.ndc.analysis.series.BarReader;
import io.ndc.analysis.series.SeriesCache;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.contract.ServiceName;
import io.ndc.contract.BarInterval;
import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Entry deployable of the analysis service: the query verticles (technical, custom, screen, chart) and live
 * indicators over one shared in-memory {@link SeriesCache}, which every storage data change invalidates here.
 */
public final class AnalysisService extends ServiceEntry {
  /** Data kinds that are not bars: their changes leave every series as it was. */
  private static final Set<String> NOT_BARS = Set.of("trades", "trends", "financials");

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
    return vertx.eventBus().<JsonObject>consumer(StorageAddresses.DATA_CHANGED, m -> invalidate(DataChanged.fromJson(m.body())))
        .completion()
        .compose(v -> Future.all(
            deploy(() -> new TechnicalQueryVerticle(store)),
            deploy(() -> new CustomExpressionVerticle(store)),
            deploy(() -> new ScreenVerticle(store)),
            deploy(() -> new ChartVerticle(store)),
            deploy(() -> live = new LiveIndicatorVerticle(store))));
  }

  private void invalidate(DataChanged change) {
    if (NOT_BARS.contains(change.kind())) {
      return;
    }
    BarInterval interval = change.interval() == null ? null : BarInterval.parse(change.interval());
    change.symbols().forEach(symbol -> store.cache().invalidate(symbol, interval));
  }
}
