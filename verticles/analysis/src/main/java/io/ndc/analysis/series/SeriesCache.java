package io.ndc.analysis.series;

import io.ndc.contract.BarInterval;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hot series of this node in memory: what storage answered per symbol, interval and range, least recently used
 * first out, bounded by entries ({@code analysis.series.max_entries}) and bars ({@code analysis.series.max_bars}).
 * Shared by the service's verticles (every method is synchronized; entries are never mutated). A data change drops
 * every entry of the symbol whose interval derives from the changed one; a load that was in flight across the
 * change is not kept (the symbol's generation moved on), so no stale answer outlives the change.
 */
public final class SeriesCache {
  private final int maxEntries;
  private final long maxBars;
  private final LinkedHashMap<Key, LoadedSeries> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> generations = new HashMap<>();
  private long bars;
  private long hits;
  private long misses;

  public record Key(String symbol, BarInterval interval, long from, long to) {
  }

  public SeriesCache(int maxEntries, long maxBars) {
    this.maxEntries = maxEntries;
    this.maxBars = maxBars;
  }

  public synchronized LoadedSeries get(Key key) {
    LoadedSeries series = entries.get(key);
    if (series == null) {
      misses++;
    } else {
      hits++;
    }
    return series;
  }

  /** What {@link #put} needs to know that no change happened since the load began. */
  public synchronized long generation(String symbol) {
    return generations.getOrDefault(symbol, 0L);
  }

  public synchronized void put(Key key, LoadedSeries series, long generationAtLoad) {
    if (maxEntries <= 0 || generation(key.symbol()) != generationAtLoad || series.bars().size() > maxBars) {
      return;
    }
    LoadedSeries old = entries.put(key, series);
    bars += series.bars().size() - (old == null ? 0 : old.bars().size());
    Iterator<LoadedSeries> eldest = entries.values().iterator();
    while ((entries.size() > maxEntries || bars > maxBars) && eldest.hasNext()) {
      bars -= eldest.next().bars().size();
      eldest.remove();
    }
  }

  /** Drops the symbol's series at {@code changed} and the intervals derived from it; null drops every interval. */
  public synchronized void invalidate(String symbol, BarInterval changed) {
    generations.merge(symbol, 1L, Long::sum);
    entries.entrySet().removeIf(e -> {
      boolean drop = e.getKey().symbol().equals(symbol)
          && (changed == null || e.getKey().interval().base() == changed.base());
      if (drop) {
        bars -= e.getValue().bars().size();
      }
      return drop;
    });
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long bars() {
    return bars;
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }
}
