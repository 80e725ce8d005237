package io.ndc.collector.live;

import io.ndc.collector.source.Adapters;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.FeedLeaseStore;
import io.ndc.collector.store.SourceStore;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.Settings;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs live collectors on this node. Every node reconciles periodically and when collectors change: it stops
 * feeds whose collector is gone or changed, and tries (without waiting) the cluster lock of each live collector
 * nobody runs. The lock holder that also gets the feed's database lease runs the feed; when its node dies the
 * cluster releases the lock, the lease expires, and another node's next reconcile takes the feed over. The lease
 * fences a node cut off from the cluster but still running: it cannot renew a lease another node has taken, and
 * stops its feed.
 */
public final class LiveFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeedVerticle.class);
  private static final long LOCK_TRY_MS = 50;

  private final Map<UUID, FeedRunner> running = new HashMap<>();
  private final Set<UUID> starting = new HashSet<>();
  /** Collectors whose feed failed to start, as they were then, and when to try again (a changed collector retries at once). */
  private final Map<UUID, Failed> failed = new HashMap<>();
  private CollectorStore collectors;
  private FeedLeaseStore leases;
  private SourceStore sources;
  private Adapters adapters;
  private LiveSettings settings;
  private String node;
  private boolean reconciling;
  private boolean stopped;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "collector");
    collectors = new CollectorStore(pg);
    leases = new FeedLeaseStore(pg);
    sources = new SourceStore(pg, SecretBox.fromConfig(config()));
    adapters = new Adapters(vertx, config());
    settings = LiveSettings.fromConfig(config());
    String configured = Settings.of(config()).optionalString("node.id");
    // two feed verticles without node ids (tests of one service) must still hold distinct leases
    node = configured != null ? configured : "node-" + UUID.randomUUID().toString().substring(0, 8);
    vertx.setPeriodic(settings.reconcileMs(), id -> reconcile());
    vertx.setPeriodic(settings.statusMs(), id -> reportStatus());
    return vertx.eventBus().consumer(LiveFeeds.CHANGED, message -> reconcile()).completion()
        .onSuccess(v -> reconcile());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    List<Future<Void>> stops = new ArrayList<>();
    running.values().forEach(runner -> stops.add(runner.stop()));
    running.clear();
    adapters.close();
    return Future.join(stops);
  }

  private record Failed(Collector collector, long retryAtMillis) {
  }

  private void reconcile() {
    if (reconciling || stopped) {
      return;
    }
    reconciling = true;
    collectors.live()
        .compose(this::apply)
        .onFailure(e -> LOG.warn("live feed reconcile failed: {}", e.toString()))
        .onComplete(ar -> reconciling = false);
  }

  private Future<Void> apply(List<Collector> live) {
    Map<UUID, Collector> wanted = new HashMap<>();
    live.forEach(c -> wanted.put(c.id(), c));
    List<Future<Void>> work = new ArrayList<>();
    for (FeedRunner runner : new ArrayList<>(running.values())) {
      Collector now = wanted.get(runner.collector().id());
      if (now == null || !now.equals(runner.collector())) {
        running.remove(runner.collector().id());
        work.add(runner.stop());
      }
    }
    failed.keySet().retainAll(wanted.keySet());
    long now = System.currentTimeMillis();
    for (Collector c : live) {
      Failed f = failed.get(c.id());
      boolean waiting = f != null && f.collector().equals(c) && now < f.retryAtMillis();
      if (!running.containsKey(c.id()) && !starting.contains(c.id()) && !waiting) {
        work.add(tryOwn(c));
      }
    }
    return Future.join(work).mapEmpty();
  }

  private Future<Void> tryOwn(Collector collector) {
    starting.add(collector.id());
    return vertx.sharedData().getLockWithTimeout(LiveFeeds.lockName(collector.id()), LOCK_TRY_MS)
        .compose(lock -> leases.acquire(collector.id(), node, settings.leaseMs()).transform(leased -> {
          if (leased.failed() || !leased.result().acquired()) {
            // the previous owner's lease has not expired yet (or that owner is cut off but alive), or the database
            // cannot say: try again at a later reconcile
            lock.release();
            return Future.<Void>succeededFuture();
          }
          return start(collector, lock, leased.result().previousOwnerLastSeen());
        }), noLock -> Future.<Void>succeededFuture())
        .onComplete(ar -> starting.remove(collector.id()))
        .recover(e -> Future.succeededFuture());
  }

  /** {@code takenOverAfter}: the last sign of life of a previous owner that died (null: none). */
  private Future<Void> start(Collector collector, Lock lock, Instant takenOverAfter) {
    return sources.definition(collector.sourceId())
        .compose(definition -> {
          FeedRunner runner = new FeedRunner(vertx, collector, definition, adapters.adapter(definition), collectors, leases, lock,
              node, settings, () -> fence(collector.id()));
          return runner.start(takenOverAfter).map(v -> {
            failed.remove(collector.id());
            running.put(collector.id(), runner);
            LOG.info("live collector {} now runs on node {}", collector.id(), node);
            return (Void) null;
          });
        })
        .onFailure(e -> {
          leases.release(collector.id(), node);
          lock.release();
          failed.put(collector.id(), new Failed(collector, System.currentTimeMillis() + settings.startRetryMs()));
          LOG.warn("live collector {} cannot start: {}", collector.id(), e.toString());
        });
  }

  /** This node lost the feed's lease: stop it here (the lock goes with it) and let reconciliation decide again. */
  private void fence(UUID collectorId) {
    FeedRunner runner = running.remove(collectorId);
    if (runner != null) {
      LOG.warn("live collector {} lost its lease on node {}; stopping it here", collectorId, node);
      runner.stop();
    }
  }

  private void reportStatus() {
    Set<String> reported = new HashSet<>();
    for (FeedRunner runner : running.values()) {
      if (reported.add(runner.sourceId())) {
        sources.recordStatus(runner.sourceId(), runner.status().lastMessageMillis(), runner.status().reconnects())
            .onFailure(e -> LOG.debug("cannot record status of source {}: {}", runner.sourceId(), e.toString()));
      }
    }
  }
}
