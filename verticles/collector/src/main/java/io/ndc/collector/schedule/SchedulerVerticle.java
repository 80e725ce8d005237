package io.ndc.collector.schedule;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.jobs.JobSubmitter;
import io.ndc.collector.store.CronSchedule;
import io.ndc.collector.store.JobStore;
import io.ndc.collector.store.ScheduleStore;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires cron schedules. Every node runs this verticle, but only the holder of the cluster-wide lock
 * {@value #LOCK} fires; the others try to take the lock on each tick, so when the holder's node dies (and the cluster
 * releases its locks) another node fires from its next tick on. A firing moves the schedule's next fire time with a
 * compare-and-set, so a firing becomes one job even if two schedulers ever overlap.
 */
public final class SchedulerVerticle extends VerticleBase {
  public static final String LOCK = "ndc.collector.scheduler";
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  private ScheduleStore schedules;
  private JobSubmitter submitter;
  private JobQueue queue;
  private Lock lock;
  private boolean busy;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "collector");
    schedules = new ScheduleStore(pg);
    queue = new JobQueue(vertx, config(), JobQueue.retryPolicy(config()));
    submitter = new JobSubmitter(new JobStore(pg), queue);
    vertx.setPeriodic(Settings.of(config()).longValue("collector.scheduler.tick_ms"), id -> tick());
    return queue.start();
  }

  @Override
  public Future<?> stop() {
    if (lock != null) {
      lock.release();
    }
    return queue.stop();
  }

  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    Future<Void> work = lock != null ? fireDue() : vertx.sharedData().getLockWithTimeout(LOCK, 10).compose(acquired -> {
      lock = acquired;
      LOG.info("this node is now the active collection scheduler");
      return fireDue();
    }, notOurs -> Future.succeededFuture());
    work.onFailure(e -> LOG.warn("scheduler tick failed: {}", e.toString())).onComplete(ar -> busy = false);
  }

  private Future<Void> fireDue() {
    Instant now = Instant.now();
    return schedules.due(now).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (ScheduleStore.Due d : due) {
        chain = chain.compose(v -> fire(d, now));
      }
      return chain;
    });
  }

  private Future<Void> fire(ScheduleStore.Due due, Instant now) {
    Instant next = CronSchedule.parse(due.cron(), due.timezone()).nextAfter(now);
    return schedules.advance(due, next).compose(advanced -> advanced
        ? submitter.submit(due.collectorId(), "schedule").<Void>mapEmpty()
            .onFailure(e -> LOG.warn("schedule {} fired but its job could not be queued: {}", due.id(), e.toString()))
            .recover(e -> Future.succeededFuture())
        : Future.<Void>succeededFuture());
  }
}
