package io.ndc.collector.api;

import static io.ndc.contract.collector.CollectorAddresses.*;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.source.Adapters;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.JobStore;
import io.ndc.collector.store.ScheduleStore;
import io.ndc.collector.store.SourceStore;
import io.ndc.platform.bus.Handlers;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;

/** Serves the collection rows of the REST API (SPEC §5) on the bus. */
public final class CollectionApiVerticle extends VerticleBase {
  private JobQueue queue;
  private Adapters adapters;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "collector");
    SourceStore sourceStore = new SourceStore(pg, SecretBox.fromConfig(config()));
    JobStore jobStore = new JobStore(pg);
    adapters = new Adapters(vertx, config());
    queue = new JobQueue(vertx, config(), JobQueue.retryPolicy(config()));
    SourceApi sources = new SourceApi(vertx, sourceStore, adapters);
    CollectorApi collectors = new CollectorApi(vertx, new CollectorStore(pg), sourceStore, jobStore, queue, adapters);
    ScheduleApi schedules = new ScheduleApi(new ScheduleStore(pg));
    EventBus bus = vertx.eventBus();
    return queue.start().compose(v -> Future.all(java.util.List.of(
        bus.consumer(SOURCES_LIST, Handlers.json(sources::list)).completion(),
        bus.consumer(SOURCES_CREATE, Handlers.json(sources::create)).completion(),
        bus.consumer(COLLECTORS_LIST, Handlers.json(collectors::list)).completion(),
        bus.consumer(COLLECTORS_CREATE, Handlers.json(collectors::create)).completion(),
        bus.consumer(COLLECTORS_GET, Handlers.json(collectors::get)).completion(),
        bus.consumer(COLLECTORS_UPDATE, Handlers.json(collectors::update)).completion(),
        bus.consumer(COLLECTORS_DELETE, Handlers.json(collectors::delete)).completion(),
        bus.consumer(JOBS_RUN, Handlers.json(collectors::run)).completion(),
        bus.consumer(JOBS_LIST, Handlers.json(collectors::jobList)).completion(),
        bus.consumer(JOBS_GET, Handlers.json(collectors::job)).completion(),
        bus.consumer(SCHEDULES_LIST, Handlers.json(schedules::list)).completion(),
        bus.consumer(SCHEDULES_CREATE, Handlers.json(schedules::create)).completion(),
        bus.consumer(SCHEDULES_DELETE, Handlers.json(schedules::delete)).completion())));
  }

  @Override
  public Future<?> stop() {
    adapters.close();
    return queue.stop();
  }
}
