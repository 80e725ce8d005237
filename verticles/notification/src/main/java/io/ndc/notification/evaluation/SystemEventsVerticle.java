package io.ndc.notification.evaluation;

import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.contract.collector.JobEvent;
import io.ndc.contract.notify.RuleType;
import io.ndc.contract.notify.Trigger;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SYSTEM rules on the collector's job outcomes ({@code ndc.collector.job.events}, {@link JobEvent}): a rule whose
 * {@code events} name the event, and whose {@code collector_id} (if any) is the job's collector, fires one trigger per
 * job and event ({@code <rule>:job:<job_id>:<event>}), however often the event is seen.
 */
public final class SystemEventsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SystemEventsVerticle.class);

  private TriggerRecorder recorder;

  @Override
  public Future<?> start() {
    recorder = new TriggerRecorder(vertx, config());
    return recorder.start().compose(v -> vertx.eventBus().<JsonObject>consumer(CollectorAddresses.JOB_EVENTS, m -> {
      try {
        handle(JobEvent.fromJson(m.body()));
      } catch (RuntimeException e) {
        LOG.warn("unreadable job event: {}", e.toString());
      }
    }).completion());
  }

  @Override
  public Future<?> stop() {
    return recorder.stop();
  }

  private void handle(JobEvent event) {
    recorder.rules.live(RuleType.SYSTEM).onSuccess(live -> {
      for (Object o : live) {
        JsonObject rule = (JsonObject) o;
        JsonObject condition = rule.getJsonObject("condition");
        String collector = condition.getString("collector_id");
        if (condition.getJsonArray("events").contains(event.event()) && (collector == null || collector.equals(event.collectorId()))) {
          fire(rule, event);
        }
      }
    }).onFailure(e -> LOG.error("SYSTEM rules not read for job {}: {}", event.jobId(), e.toString()));
  }

  private void fire(JsonObject rule, JobEvent event) {
    String message = rule.getString("name") + ": job " + event.jobId() + " of collector " + event.collectorId() + " "
        + event.event().substring("job.".length()) + (event.error() == null ? "" : ": " + event.error());
    Trigger trigger = new Trigger(rule.getString("id") + ":job:" + event.jobId() + ":" + event.event(), rule.getString("id"),
        null, null, message, event.ts());
    recorder.record(rule, trigger);
  }
}
