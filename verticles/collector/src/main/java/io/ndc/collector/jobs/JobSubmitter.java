package io.ndc.collector.jobs;

import io.ndc.collector.store.JobStore;
import io.ndc.collector.store.RowCounts;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Creates a job row and publishes its message; a job the broker did not confirm is marked dead, not left queued. */
public final class JobSubmitter {
  private final JobStore jobs;
  private final JobQueue queue;

  public JobSubmitter(JobStore jobs, JobQueue queue) {
    this.jobs = jobs;
    this.queue = queue;
  }

  public Future<UUID> submit(UUID collectorId, String trigger) {
    return jobs.create(collectorId, trigger).compose(jobId -> queue
        .publish(new JsonObject().put("job_id", jobId.toString()).put("collector_id", collectorId.toString()))
        .map(jobId)
        .recover(e -> jobs.dead(jobId, "could not be queued: " + e.getMessage(), RowCounts.NONE)
            .transform(ignored -> Future.failedFuture(Failure.unavailable("the job queue is unavailable; try again")))));
  }
}
