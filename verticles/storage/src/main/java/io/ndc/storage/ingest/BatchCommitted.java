package io.ndc.storage.ingest;

import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.cache.Invalidation;
import io.ndc.storage.cache.MarketCache;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What follows a commit that changed data: the cache forgets exactly what the batch touched, then
 * {@code ndc.storage.data.changed} tells the other services. A batch that changed nothing publishes nothing.
 */
public final class BatchCommitted {
  private final EventBus bus;
  private final MarketCache cache;

  public BatchCommitted(EventBus bus, MarketCache cache) {
    this.bus = bus;
    this.cache = cache;
  }

  public Future<Void> bars(BatchResult result, Interval interval, List<BarRow> rows) {
    if (!result.changedData()) {
      return Future.succeededFuture();
    }
    TreeSet<String> symbols = new TreeSet<>();
    Instant from = null;
    Instant to = null;
    for (BarRow row : rows) {
      symbols.add(row.symbol());
      from = from == null || row.ts().isBefore(from) ? row.ts() : from;
      to = to == null || row.ts().isAfter(to) ? row.ts() : to;
    }
    return changed(result.batchId(), "bars", symbols, interval, from, to);
  }

  /** {@code interval} null (trades, trends, financials): no cached bar query changed, only latest quotes. */
  public Future<Void> changed(long batchId, String kind, Collection<String> symbols, Interval interval, Instant from,
      Instant to) {
    DataChanged event = new DataChanged(batchId, kind, List.copyOf(symbols), interval == null ? null : interval.id(), from, to);
    return cache.invalidate(new Invalidation(symbols, interval, from, to))
        .onComplete(v -> bus.publish(StorageAddresses.DATA_CHANGED, event.toJson()));
  }
}
