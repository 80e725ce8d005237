package io.ndc.analysis.series;

import io.ndc.contract.BarInterval;
import io.ndc.contract.storage.BarTailsQuery;
import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.analysis.SeriesRange;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Series for requests: read from storage over the bus through the node's {@link SeriesCache} ({@code as_of} reads,
 * which are history, are not cached), with the warm-up bars a computation needs before the range.
 */
public final class SeriesStore {
  private static final long DAY_MS = 86_400_000L;
  /** Widenings of the warm-up read before giving up (each reads four times further back). */
  private static final int MAX_WIDENINGS = 3;
  /** Data kinds that are not bars: their changes leave every series as it was. */
  private static final Set<String> NOT_BARS = Set.of("trades", "trends", "financials");

  private final BarReader reader;
  private final SeriesCache cache;

  public SeriesStore(BarReader reader, SeriesCache cache) {
    this.reader = reader;
    this.cache = cache;
  }

  public SeriesCache cache() {
    return cache;
  }

  /**
   * Drops what a storage data change made stale: the cached series of its symbols at intervals built from its
   * interval (every interval when it names none). Trades, trends and financials leave bars as they were.
   */
  public void invalidate(DataChanged change) {
    if (NOT_BARS.contains(change.kind())) {
      return;
    }
    BarInterval interval = change.interval() == null ? null : BarInterval.parse(change.interval());
    change.symbols().forEach(symbol -> cache.invalidate(symbol, interval));
  }

  /**
   * The range's bars with up to {@code lookback} stored bars before its start when {@code range.warmup()}. How far
   * back those lie is unknown (weekends, holidays, trading hours): the read starts 1.5 look-backs of nominal bar
   * length (plus 10 days, 4 intraday) earlier and reaches four times further back while that gave too few bars and
   * the last widening found more, at most {@value #MAX_WIDENINGS} times.
   */
  public Future<Window> window(SeriesRange range, int lookback, Instant now) {
    Instant start = range.start(now);
    if (!range.warmup() || lookback == 0) {
      return read(range.symbol(), range.interval(), start, range.end(), range.asOf()).map(s -> new Window(s, 0));
    }
    BarInterval interval = range.interval();
    long reach = lookback * interval.lengthMs() * 3 / 2 + (interval.intraday() ? 4 : 10) * DAY_MS;
    return widen(range, start, lookback, reach, -1, 0);
  }

  private Future<Window> widen(SeriesRange range, Instant start, int lookback, long reach, int foundBefore, int round) {
    long grain = range.interval().intraday() ? 3_600_000L : DAY_MS;
    Instant from = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli() - reach, grain) * grain);
    return read(range.symbol(), range.interval(), from, range.end(), range.asOf()).compose(series -> {
      int first = series.indexAtOrAfter(start.toEpochMilli());
      if (first < lookback && first > foundBefore && round < MAX_WIDENINGS) {
        return widen(range, start, lookback, reach * 4, first, round + 1);
      }
      return Future.succeededFuture(new Window(series, first));
    });
  }

  /**
   * The last {@code count} bars at or before {@code end} (null: the newest) of each symbol at a stored interval, the
   * hot ones from the cache and the others in one storage request; a symbol that is no instrument is absent.
   */
  public Future<Map<String, LoadedSeries>> tails(List<String> symbols, BarInterval interval, Instant end, int count) {
    long to = end == null ? Long.MAX_VALUE : end.toEpochMilli();
    Map<String, LoadedSeries> out = new HashMap<>();
    Map<String, Long> missing = new LinkedHashMap<>();
    for (String symbol : symbols) {
      LoadedSeries hot = cache.get(tailKey(symbol, interval, count, to));
      if (hot != null) {
        out.put(symbol, hot);
      } else {
        missing.put(symbol, cache.generation(symbol));
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(out);
    }
    return reader.tails(new BarTailsQuery(List.copyOf(missing.keySet()), interval, end, count)).map(read -> {
      read.forEach((symbol, series) -> {
        out.put(symbol, series);
        cache.put(tailKey(symbol, interval, count, to), series, missing.get(symbol));
      });
      return out;
    });
  }

  /** A tail's cache key: its start is the count below any instant a range can start at. */
  private static SeriesCache.Key tailKey(String symbol, BarInterval interval, int count, long to) {
    return new SeriesCache.Key(symbol, interval, Long.MIN_VALUE + count, to);
  }

  /** Bars from {@code from} to {@code to} (inclusive; null open), cached unless {@code asOf} is given. */
  public Future<LoadedSeries> read(String symbol, BarInterval interval, Instant from, Instant to, String asOf) {
    if (asOf != null) {
      return reader.read(symbol, interval, from, to, asOf);
    }
    SeriesCache.Key key = new SeriesCache.Key(symbol, interval, from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
    LoadedSeries hot = cache.get(key);
    if (hot != null) {
      return Future.succeededFuture(hot);
    }
    long generation = cache.generation(symbol);
    return reader.read(symbol, interval, from, to, null).onSuccess(series -> cache.put(key, series, generation));
  }
}
