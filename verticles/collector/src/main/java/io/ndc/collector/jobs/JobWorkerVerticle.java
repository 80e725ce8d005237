package io.ndc.collector.jobs;

import io.ndc.platform.retry.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.ndc.collector.source.Adapters;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceFailure;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.JobStore;
import io.ndc.collector.store.RowCounts;
import io.ndc.collector.store.SourceStore;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.contract.collector.JobEvent;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.metrics.Metrics;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code ndc.collect.jobs} with a bounded prefetch and acks a delivery only once its outcome is durable:
 * rows committed by storage and the job row updated, and, when the job goes on, its next message confirmed by the
 * broker. Message body: {@code {"job_id","collector_id","symbols"?:[...remaining],"waits"?}}.
 */
public final class JobWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerVerticle.class);

  private JobQueue queue;
  private JobStore jobs;
  private CollectorStore collectors;
  private SourceStore sources;
  private Adapters adapters;
  private JobRunner runner;
  private RetryPolicy policy;
  private long throttleWaitMs;
  private int maxThrottleWaits;
  private long requeueDelayMs;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "collector");
    jobs = new JobStore(pg);
    collectors = new CollectorStore(pg);
    sources = new SourceStore(pg, SecretBox.fromConfig(config()));
    adapters = new Adapters(vertx, config());
    JobSettings settings = JobSettings.from(config());
    runner = new JobRunner(vertx, settings);
    policy = JobQueue.retryPolicy(config());
    throttleWaitMs = settings.throttleWaitMs();
    maxThrottleWaits = settings.maxThrottleWaits();
    requeueDelayMs = settings.requeueDelayMs();
    queue = new JobQueue(vertx, config(), policy);
    return queue.start().compose(v -> queue.consume(this::handle));
  }

  @Override
  public Future<?> stop() {
    adapters.close();
    return queue.stop();
  }

  private void handle(RabbitMQMessage delivery) {
    JsonObject message;
    try {
      message = JobQueue.decode(delivery.body());
      UUID.fromString(message.getString("job_id"));
    } catch (RuntimeException e) {
      LOG.error("dropping an unreadable job message: {}", delivery.body(), e);
      queue.publishDead(new JsonObject().put("raw", delivery.body().toString()).put("error", "unreadable message"))
          .compose(v -> queue.ack(delivery));
      return;
    }
    process(message)
        .compose(v -> queue.ack(delivery))
        .onFailure(e -> {
          // the job's outcome could not be recorded (database or broker trouble): hand it back after a pause
          LOG.warn("job {} not settled, requeued: {}", message.getString("job_id"), e.toString());
          vertx.setTimer(requeueDelayMs, id -> queue.requeue(delivery)
              .onFailure(n -> LOG.warn("requeue of job {} failed; the broker redelivers it when the channel closes", message.getString("job_id"))));
        });
  }

  private Future<Void> process(JsonObject message) {
    UUID jobId = UUID.fromString(message.getString("job_id"));
    return jobs.start(jobId).compose(attempt -> {
      if (attempt == null) {
        return Future.succeededFuture(); // finished or deleted meanwhile: a duplicate delivery
      }
      return collectors.get(UUID.fromString(message.getString("collector_id")))
          .compose(collector -> sources.definition(collector.sourceId()).compose(definition -> {
            SourceAdapter adapter = adapters.adapter(definition);
            List<String> symbols = symbols(message, collector, adapter);
            return runner.run(collector, adapter, symbols);
          }))
          .transform(ar -> ar.succeeded()
              ? settle(jobId, message, attempt, ar.result())
              : settle(jobId, message, attempt, new JobRunner.Outcome(RowCounts.NONE, null, List.of(), ar.cause())));
    });
  }

  private static List<String> symbols(JsonObject message, Collector collector, SourceAdapter adapter) {
    JsonArray remaining = message.getJsonArray("symbols");
    if (remaining != null) {
      List<String> list = new ArrayList<>();
      remaining.forEach(s -> list.add((String) s));
      return list;
    }
    return collector.symbolsFrom(adapter);
  }

  private Future<Void> settle(UUID jobId, JsonObject message, int attempt, JobRunner.Outcome outcome) {
    Throwable stop = outcome.stoppedBy();
    String rejected = outcome.rejections().isEmpty() ? null : "rejected: " + String.join("; ", outcome.rejections());
    if (stop == null) {
      return rejected == null
          ? jobs.succeeded(jobId, outcome.rows()).compose(v -> announce(jobId, JobEvent.SUCCEEDED))
          : die(jobId, message, rejected, outcome.rows());
    }
    JsonObject next = message.copy();
    if (outcome.remaining() != null) {
      next.put("symbols", new JsonArray(new ArrayList<>(outcome.remaining())));
    }
    String error = (rejected == null ? "" : rejected + "; ") + JobRunner.message(stop);
    if (stop instanceof SourceFailure f && f.kind() == SourceFailure.Kind.THROTTLED) {
      int waits = message.getInteger("waits", 0) + 1;
      if (waits > maxThrottleWaits) {
        return die(jobId, message, "the source kept throttling after " + maxThrottleWaits + " waits: " + f.getMessage(), outcome.rows());
      }
      long wait = f.retryAfterMs() > 0 ? f.retryAfterMs() : throttleWaitMs;
      return jobs.retrying(jobId, error, outcome.rows())
          .compose(v -> jobs.waitThrottled(jobId, error))
          .compose(v -> queue.publishWait(next.put("waits", waits), wait));
    }
    if (!JobRunner.permanent(stop) && !policy.exhausted(attempt)) {
      return jobs.retrying(jobId, error, outcome.rows())
          .compose(v -> queue.publishRetry(next, attempt, policy.delayMs(attempt)));
    }
    return die(jobId, message, policy.exhausted(attempt) && !JobRunner.permanent(stop)
        ? "gave up after " + attempt + " attempts: " + error : error, outcome.rows());
  }

  private Future<Void> die(UUID jobId, JsonObject message, String error, RowCounts rows) {
    return jobs.dead(jobId, error, rows)
        .compose(v -> queue.publishDead(message.copy().put("error", error).put("dead_at", Instant.now().toString())))
        .compose(v -> announce(jobId, JobEvent.DEAD));
  }

  /** A SYSTEM event for notification rules (SPEC §10) and a job outcome metric. */
  private Future<Void> announce(UUID jobId, String event) {
    Counter.builder("ndc_collector_jobs_total").tag("outcome", event.substring(4)).register(Metrics.registry()).increment();
    return jobs.get(jobId).map(job -> {
      vertx.eventBus().publish(CollectorAddresses.JOB_EVENTS, new JobEvent(event, job.getString("id"),
          job.getString("collector_id"), job.getString("status"), job.getInteger("attempts", 0), job.getJsonObject("rows"),
          job.getString("error"), Instant.now()).toJson());
      return null;
    });
  }
}
