package io.ndc.collector.live;

import io.ndc.collector.source.FetchRequest;
import io.ndc.collector.source.LiveFeed;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceDefinition;
import io.ndc.collector.source.SourceStatus;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.FeedLeaseStore;
import io.ndc.contract.BarInterval;
import io.ndc.contract.storage.BarsIngest;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live collector running on this node while it holds the collector's cluster lock: the source's feed, its
 * trade pipeline, and the record of what happened (ownership, drops, reconnects, gaps and their repair from the
 * source's 1m history).
 */
final class FeedRunner implements TradePipeline.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(FeedRunner.class);

  private final Vertx vertx;
  private final Collector collector;
  private final SourceDefinition source;
  private final SourceAdapter adapter;
  private final CollectorStore store;
  private final Lock lock;
  private final String node;
  private final SourceStatus status;
  private final TradePipeline pipeline;
  private final long tickTimer;
  private final FeedLeaseStore leases;
  private final long leaseMs;
  private final long tickMs;
  private final Runnable fenced;
  private final long leaseTimer;
  /** The live writers' bound on one storage write ({@code collector.live.write_timeout_ms}), for gap repairs too. */
  private final long writeTimeoutMs;
  private long leaseConfirmedMillis = System.currentTimeMillis();
  private LiveFeed feed;

  /**
   * @param fenced called (once) when this node can no longer prove it holds the feed's lease: the caller stops the
   *     feed here, because another node may be running it
   */
  FeedRunner(Vertx vertx, Collector collector, SourceDefinition source, SourceAdapter adapter, CollectorStore store,
      FeedLeaseStore leases, Lock lock, String node, LiveSettings settings, Runnable fenced) {
    this.vertx = vertx;
    this.collector = collector;
    this.source = source;
    this.adapter = adapter;
    this.store = store;
    this.lock = lock;
    this.node = node;
    this.status = SourceStatus.of(source.id());
    this.pipeline = new TradePipeline(vertx, source.id(), status, settings, this);
    this.tickTimer = vertx.setPeriodic(settings.tickMs(), id -> pipeline.tick(System.currentTimeMillis()));
    this.leases = leases;
    this.leaseMs = settings.leaseMs();
    this.tickMs = settings.tickMs();
    this.fenced = fenced;
    this.writeTimeoutMs = settings.writeTimeoutMs();
    this.leaseTimer = vertx.setPeriodic(Math.max(100, leaseMs / 3), id -> renewLease());
  }

  /**
   * Keeps the database lease. Lost (another node took it after it expired) or unprovable for a whole lease period
   * (the database unreachable): this node must stop the feed, since someone else may legitimately be running it.
   */
  private void renewLease() {
    leases.renew(collector.id(), node, leaseMs).onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        leaseConfirmedMillis = System.currentTimeMillis();
      } else if (ar.succeeded() || System.currentTimeMillis() - leaseConfirmedMillis > leaseMs) {
        vertx.cancelTimer(leaseTimer);
        record("lease_lost", new JsonObject().put("reason", ar.succeeded() ? "taken by another node" : ar.cause().getMessage()));
        fenced.run();
      }
    });
  }

  Collector collector() {
    return collector;
  }

  /**
   * Opens the source's feed; on failure the caller releases the lock. {@code takenOverAfter} non-null: the previous
   * owner died after that instant, so what it had not stored yet is backfilled like the gap of a reconnect (from a
   * tick before, since its last unflushed rows can be older than its last lease renewal).
   */
  Future<Void> start(Instant takenOverAfter) {
    try {
      List<String> symbols = collector.symbolsFrom(adapter);
      feed = adapter.openFeed(symbols, pipeline);
      record("owned", new JsonObject().put("symbols", symbols.size()));
      if (takenOverAfter != null) {
        repairGap(takenOverAfter.minusMillis(2 * tickMs), Instant.now());
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      record("start_failed", new JsonObject().put("error", e.getMessage()));
      vertx.cancelTimer(tickTimer);
      vertx.cancelTimer(leaseTimer);
      return Future.failedFuture(e);
    }
  }

  Future<Void> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(leaseTimer);
    Future<Void> closed = feed == null ? Future.succeededFuture() : feed.close();
    // the release is recorded best-effort: a deleted collector has no row left to attach it to
    return closed.compose(v -> pipeline.drain())
        .compose(v -> store.feedEvent(collector.id(), "released", node, new JsonObject().put("trades", pipeline.trades())))
        .recover(e -> Future.succeededFuture())
        .compose(v -> leases.release(collector.id(), node))
        .recover(e -> Future.succeededFuture())
        .onComplete(ar -> lock.release());
  }

  /** The owner writes its source's status so any node's GET /sources shows it. */
  SourceStatus status() {
    return status;
  }

  String sourceId() {
    return source.id();
  }

  @Override
  public void disconnected(String reason) {
    record("disconnected", new JsonObject().put("reason", reason));
  }

  @Override
  public void connected(boolean reconnect, long lastTradeMillis) {
    if (!reconnect) {
      return;
    }
    status.reconnected();
    record("reconnected", new JsonObject());
    if (lastTradeMillis > 0) {
      repairGap(Instant.ofEpochMilli(lastTradeMillis), Instant.now());
    }
  }

  /** Backfills the 1m bars of the gap from the source's history API and records the gap and its repair. */
  private void repairGap(Instant from, Instant to) {
    JsonObject gap = new JsonObject().put("from", from.toString()).put("to", to.toString());
    // request dates are exchange-local: a day of margin on each side, then the rows are cut to the gap itself
    LocalDate fromDate = from.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate toDate = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    List<Future<Integer>> repairs = new ArrayList<>();
    for (String symbol : collector.symbolsFrom(adapter)) {
      repairs.add(adapter.historyBars(new FetchRequest(symbol, "1m", fromDate, toDate, collector.params()))
          .map(rows -> rows.stream().filter(r -> inGap(r, from, to)).toList())
          .compose(rows -> rows.isEmpty() ? Future.succeededFuture(0) : vertx.eventBus()
              .request(StorageAddresses.BARS_INGEST, new BarsIngest(source.id(), BarInterval.M1,
                  new JsonArray(new ArrayList<>(rows))).toJson(), new DeliveryOptions().setSendTimeout(writeTimeoutMs))
              .map(reply -> rows.size())));
    }
    record("gap_detected", gap);
    Future.join(repairs).onComplete(ar -> {
      int bars = repairs.stream().filter(Future::succeeded).mapToInt(Future::result).sum();
      List<String> errors = repairs.stream().filter(Future::failed).map(f -> f.cause().getMessage()).distinct().toList();
      record(errors.isEmpty() ? "gap_repaired" : "gap_repair_failed", gap.copy().put("bars", bars).put("errors", new JsonArray(errors)));
    });
  }

  private static boolean inGap(JsonObject row, Instant from, Instant to) {
    String ts = row.getString("ts");
    if (ts == null) {
      return false;
    }
    Instant start = Instant.parse(ts);
    return !start.isBefore(from.minusSeconds(60)) && start.isBefore(to);
  }

  private void record(String kind, JsonObject details) {
    store.feedEvent(collector.id(), kind, node, details)
        .onFailure(e -> LOG.warn("cannot record feed event {} of collector {}: {}", kind, collector.id(), e.toString()));
  }
}
