package io.ndc.analysis.live;

import io.ndc.analysis.AnalysisSettings;
import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.analysis.series.Window;
import io.ndc.analysis.technical.IndicatorSet;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.BarInterval;
import io.ndc.contract.analysis.IndicatorInterest;
import io.ndc.contract.analysis.SeriesRange;
import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live indicators (SPEC §6 {@code indicators.<interval>}): for each indicator set someone streams (an
 * {@link IndicatorInterest} lease, taken on {@code ndc.analysis.indicator.interest} and renewed on this verticle's own
 * {@code ndc.analysis.indicator.interest.<id>}), it listens to the bar publications of the interval's base,
 * {@code ndc.market.bar.<base>.<SYMBOL>} (1m for 1m..1h, daily for daily..monthly; bars of a derived interval are
 * aggregated from them as storage aggregates them, {@link Buckets}), and on every bar update publishes the set's values
 * at that bar on {@code ndc.analysis.indicator.<interval>.<SYMBOL>.<specs>}, computed by the same code over the same
 * bars as {@code /analysis/technical} with {@code start_date} on the bar's UTC day (intraday; its UTC year for daily
 * and longer) and {@code end_date} on the bar. A lease lives for the {@code ttl_ms} asked, at most
 * {@code analysis.live.interest_ttl_ms} (the reply says what was granted), unless renewed; a symbol nobody streams any
 * more is dropped.
 */
public final class LiveIndicatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveIndicatorVerticle.class);
  private static final long SWEEP_MS = 1000;

  private final SeriesStore store;
  private final String id = UUID.randomUUID().toString();
  // changed on this verticle's event loop only; concurrent so that the health report may count them
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final Map<Stream, Live> live = new ConcurrentHashMap<>();
  private AnalysisSettings settings;
  private long sweepTimer;

  private record Stream(BarInterval interval, String symbol) {
  }

  private record Loaded(Window window, Bars base) {
  }

  private record Lease(IndicatorInterest interest, IndicatorSet set, long expiresAt) {
  }

  /** One symbol and interval being streamed: its bars and the publications computed from them. */
  private final class Live {
    final Stream stream;
    final MessageConsumer<JsonObject> bars;
    /** The bucket being built from base bars; null when the interval is its own base. */
    final Buckets buckets;
    final Map<String, IndicatorSet> sets = new LinkedHashMap<>();
    LiveSeries series;
    /** Bar updates that came while the series was (re)loading, applied once it is. */
    List<JsonObject> pending = new ArrayList<>();
    /** The newest base bar time a final live update was applied at (a storage write of exactly it needs no reload). */
    long lastFinal = Long.MIN_VALUE;
    /** The newest base bar time applied. */
    long lastApplied = Long.MIN_VALUE;

    Live(Stream stream) {
      this.stream = stream;
      BarInterval base = stream.interval().base();
      this.buckets = base == stream.interval() ? null : new Buckets(stream.interval());
      this.bars = vertx.eventBus().consumer(MarketAddresses.bar(base.id(), stream.symbol()),
          message -> bar(this, message.body()));
    }

    int warmup() {
      return sets.values().stream().mapToInt(IndicatorSet::lookback).max().orElse(0);
    }
  }

  public LiveIndicatorVerticle(SeriesStore store) {
    this.store = store;
  }

  /** This verticle's lease-holder id (what interest replies name as {@code node}). */
  public String id() {
    return id;
  }

  @Override
  public Future<?> start() {
    settings = AnalysisSettings.of(config());
    sweepTimer = vertx.setPeriodic(SWEEP_MS, t -> sweep());
    return Future.all(
        vertx.eventBus().consumer(AnalysisAddresses.INDICATOR_INTEREST, Handlers.typed(IndicatorInterest::fromJson, this::interest)).completion(),
        vertx.eventBus().consumer(AnalysisAddresses.interestOn(id), Handlers.typed(IndicatorInterest::fromJson, this::interest)).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.DATA_CHANGED, m -> changed(DataChanged.fromJson(m.body()))).completion());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.succeededFuture();
  }

  private Future<JsonObject> interest(IndicatorInterest interest) {
    String address = interest.address();
    JsonObject reply = new JsonObject().put("node", id).put("address", address);
    if (interest.ttlMs() == 0) {
      Lease gone = leases.remove(address);
      if (gone != null) {
        drop(gone);
      }
      return Future.succeededFuture(reply);
    }
    IndicatorSet set = IndicatorSet.parse(interest.indicators(), settings.maxIndicators());
    long granted = Math.min(interest.ttlMs(), settings.interestTtlMs());
    reply.put("ttl_ms", granted);
    boolean renewal = leases.containsKey(address);
    leases.put(address, new Lease(interest, set, System.currentTimeMillis() + granted));
    if (renewal) {
      return Future.succeededFuture(reply);
    }
    Stream stream = new Stream(interest.interval(), interest.symbol());
    Live entry = live.get(stream);
    boolean fresh = entry == null;
    if (fresh) {
      entry = new Live(stream);
      live.put(stream, entry);
    }
    int warmupBefore = entry.warmup();
    entry.sets.put(address, set);
    Live target = entry;
    Future<?> ready = fresh || set.lookback() > warmupBefore ? load(target) : Future.succeededFuture();
    return Future.all(entry.bars.completion(), ready).map(v -> reply).recover(e -> {
      leases.remove(address);
      drop(address, target);
      return Future.failedFuture(e);
    });
  }

  /** (Re)reads the series from storage, then applies the updates that came meanwhile. */
  private Future<Void> load(Live entry) {
    if (entry.series != null && entry.pending == null) {
      entry.pending = new ArrayList<>();
    }
    long anchor = LiveSeries.anchor(entry.stream.interval(), System.currentTimeMillis());
    int warmup = entry.warmup();
    SeriesRange range = new SeriesRange(entry.stream.symbol(), entry.stream.interval(),
        Instant.ofEpochMilli(anchor).toString(), null, null, true);
    return store.window(range, warmup, Instant.now()).compose(window -> {
      if (entry.buckets == null) {
        return Future.succeededFuture(new Loaded(window, null));
      }
      // the base bars of the newest stored bucket (or the current one): the next base bar adds to them
      Bars stored = window.series().bars();
      long newest = stored.size() == 0 ? System.currentTimeMillis() : stored.ts()[stored.size() - 1];
      return store.read(entry.stream.symbol(), entry.stream.interval().base(),
          Instant.ofEpochMilli(Buckets.start(entry.stream.interval(), newest)), null, null)
          .map(base -> new Loaded(window, base.bars()));
    }).map(loaded -> {
      LiveSeries series = new LiveSeries(entry.stream.symbol(), entry.stream.interval(), warmup);
      series.reset(loaded.window(), anchor);
      if (entry.buckets != null) {
        Bars base = loaded.base();
        entry.buckets.reset(base.ts(), base.open(), base.high(), base.low(), base.close(), base.volume());
      }
      entry.series = series;
      List<JsonObject> waiting = entry.pending;
      entry.pending = null;
      if (waiting != null) {
        waiting.forEach(update -> bar(entry, update));
      }
      return null;
    });
  }

  private void bar(Live entry, JsonObject update) {
    if (entry.pending != null) {
      entry.pending.add(update);
      return;
    }
    long baseTs;
    long ts;
    boolean fin = update.getBoolean("final", false);
    try {
      baseTs = Instant.parse(update.getString("ts")).toEpochMilli();
      double[] bar = {baseTs, num(update, "open"), num(update, "high"), num(update, "low"), num(update, "close"),
          num(update, "volume")};
      if (entry.buckets != null) {
        bar = entry.buckets.add(baseTs, bar[1], bar[2], bar[3], bar[4], bar[5]);
        if (bar == null) {
          return;
        }
      }
      ts = (long) bar[0];
      if (!entry.series.update(ts, bar[1], bar[2], bar[3], bar[4], bar[5])) {
        return;
      }
    } catch (RuntimeException e) {
      LOG.warn("bar update for {} not understood: {}", entry.stream, e.getMessage());
      return;
    }
    entry.lastApplied = Math.max(entry.lastApplied, baseTs);
    if (fin) {
      entry.lastFinal = Math.max(entry.lastFinal, baseTs);
    }
    boolean complete = fin && (entry.buckets == null || entry.buckets.completes(baseTs));
    Window window = entry.series.window();
    String time = entry.stream.interval().format(ts);
    entry.sets.forEach((address, set) -> vertx.eventBus().publish(address, new JsonObject().put("type", "indicator")
        .put("interval", entry.stream.interval().id()).put("symbol", entry.stream.symbol()).put("ts", time)
        .put("values", set.valuesAtLast(window)).put("final", complete)));
  }

  private static double num(JsonObject update, String field) {
    Number n = update.getNumber(field);
    return n == null ? Double.NaN : n.doubleValue();
  }

  /**
   * Stored data changed: a stream of the symbol whose interval derives from the changed one reloads, unless the change
   * is exactly the final base bar it already applied (the live feed writing what it published).
   */
  private void changed(DataChanged change) {
    if (change.interval() == null) {
      return;
    }
    BarInterval changed = BarInterval.parse(change.interval());
    for (String symbol : change.symbols()) {
      for (Live entry : live.values()) {
        if (!entry.stream.symbol().equals(symbol) || entry.stream.interval().base() != changed.base()
            || entry.series == null || entry.pending != null) {
          continue;
        }
        boolean ownWrite = change.from() != null && change.to() != null
            && change.from().toEpochMilli() >= entry.lastFinal && change.to().toEpochMilli() <= entry.lastApplied
            && entry.stream.interval().base() == changed;
        if (!ownWrite) {
          load(entry).onFailure(e -> LOG.warn("reloading {} after a data change failed: {}", entry.stream, e.getMessage()));
        }
      }
    }
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    List<String> expired = leases.entrySet().stream().filter(e -> e.getValue().expiresAt() < now).map(Map.Entry::getKey).toList();
    expired.forEach(address -> drop(leases.remove(address)));
  }

  private void drop(Lease lease) {
    Stream stream = new Stream(lease.interest().interval(), lease.interest().symbol());
    Live entry = live.get(stream);
    if (entry != null) {
      drop(lease.interest().address(), entry);
    }
  }

  private void drop(String address, Live entry) {
    entry.sets.remove(address);
    if (entry.sets.isEmpty() && Objects.equals(live.get(entry.stream), entry)) {
      live.remove(entry.stream);
      entry.bars.unregister();
    }
  }

  /** Leases held (the health report's {@code details.live.leases}). */
  public int leases() {
    return leases.size();
  }

  /** Symbol and interval pairs being streamed ({@code details.live.streams}). */
  public int streams() {
    return live.size();
  }

}
