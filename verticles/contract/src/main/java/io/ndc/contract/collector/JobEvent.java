package io.ndc.contract.collector;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A job outcome published on {@link CollectorAddresses#JOB_EVENTS} for {@code SYSTEM} alert rules (SPEC §10):
 * {@code {"type":"SYSTEM","event":"job.succeeded"|"job.dead","job_id","collector_id","status","attempts","rows",
 * "error","ts"}}. {@code rows} holds the job's row counts ({@code accepted}, {@code unchanged}, {@code revised},
 * {@code rejected}).
 */
public record JobEvent(String event, String jobId, String collectorId, String status, int attempts, JsonObject rows,
    String error, Instant ts) {
  public static final String TYPE = "SYSTEM";
  public static final String SUCCEEDED = "job.succeeded";
  public static final String DEAD = "job.dead";

  public JobEvent {
    if (!SUCCEEDED.equals(event) && !DEAD.equals(event)) {
      throw Failure.validation("job event must be " + SUCCEEDED + " or " + DEAD + " (got '" + event + "')");
    }
    if (jobId == null || collectorId == null) {
      throw Failure.validation("a job event names its job_id and collector_id");
    }
    rows = rows == null ? new JsonObject() : rows.copy();
    if (ts == null) {
      ts = Instant.now();
    }
  }

  public static JobEvent fromJson(JsonObject json) {
    String ts = json.getString("ts");
    return new JobEvent(json.getString("event"), json.getString("job_id"), json.getString("collector_id"),
        json.getString("status"), json.getInteger("attempts", 0), json.getJsonObject("rows"), json.getString("error"),
        ts == null ? null : Instant.parse(ts));
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", TYPE).put("event", event).put("job_id", jobId).put("collector_id", collectorId)
        .put("status", status).put("attempts", attempts).put("rows", rows.copy()).put("error", error)
        .put("ts", ts.toString());
  }
}
