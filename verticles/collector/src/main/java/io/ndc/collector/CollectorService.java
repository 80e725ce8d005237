package io.ndc.collector;

import io.ndc.collector.api.CollectionApiVerticle;
import io.ndc.collector.demo.DemoSetupVerticle;
import io.ndc.collector.jobs.JobWorkerVerticle;
import io.ndc.collector.live.LiveFeedVerticle;
import io.ndc.collector.schedule.SchedulerVerticle;
import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.config.Settings;
import io.ndc.platform.service.ServiceEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.ndc.collector.source.SourceStatus;
import java.util.List;

/** Entry deployable of the collector service: REST handlers, job workers, live feeds, the scheduler, the demo. */
public final class CollectorService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.COLLECTOR;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.RABBITMQ);
  }

  @Override
  protected String schema() {
    return "collector";
  }

  /** Each source's freshness, reconnects and quota use as this node saw them: shown, never a reason to be DOWN. */
  @Override
  protected JsonObject healthDetails() {
    return new JsonObject().put("sources", SourceStatus.snapshot());
  }

  @Override
  protected Future<?> deployComponents() {
    Future<?> core = deploy(CollectionApiVerticle::new)
        .compose(v -> deploy(JobWorkerVerticle::new, Settings.of(config()).integer("collector.workers")))
        .compose(v -> deploy(LiveFeedVerticle::new))
        .compose(v -> deploy(SchedulerVerticle::new));
    return Settings.of(config()).bool("demo") ? core.compose(v -> deploy(DemoSetupVerticle::new)) : core;
  }
}
