package io.ndc.contract.collector;

/**
 * Bus addresses of the collector service (SPEC §5 collection rows, §8). Bodies are JSON objects carrying the
 * REST request fields (path parameters included); list replies are {@code {"items","pagination"}}.
 */
public final class CollectorAddresses {
  /** {@code {"page","limit"}} → sources without their API keys, with quota, breaker, freshness and reconnects. */
  public static final String SOURCES_LIST = "ndc.collector.sources.list";
  /** {@code {"id","type","base_url","api_key","quota_per_minute","quota_burst",...type params}} → the source. */
  public static final String SOURCES_CREATE = "ndc.collector.sources.create";
  public static final String COLLECTORS_LIST = "ndc.collector.collectors.list";
  /** {@code {"source","dataset","symbols","interval","start_date","end_date","live","params"}} → the collector. */
  public static final String COLLECTORS_CREATE = "ndc.collector.collectors.create";
  public static final String COLLECTORS_GET = "ndc.collector.collectors.get";
  public static final String COLLECTORS_UPDATE = "ndc.collector.collectors.update";
  /** Deletes a collector; a live one stops its feed. */
  public static final String COLLECTORS_DELETE = "ndc.collector.collectors.delete";
  /** {@code {"id"}} (collector id) → {@code {"job_id"}}: the job is queued on {@code ndc.collect.jobs}. */
  public static final String JOBS_RUN = "ndc.collector.jobs.run";
  /** {@code {"collector_id"?,"status"?,"page","limit"}} → jobs, newest first. */
  public static final String JOBS_LIST = "ndc.collector.jobs.list";
  public static final String JOBS_GET = "ndc.collector.jobs.get";
  public static final String SCHEDULES_LIST = "ndc.collector.schedules.list";
  /** {@code {"collector_id","cron","timezone"?}} → the schedule with its next fire time. */
  public static final String SCHEDULES_CREATE = "ndc.collector.schedules.create";
  public static final String SCHEDULES_DELETE = "ndc.collector.schedules.delete";
  /**
   * Publication of job outcomes ({@link JobEvent}): {@code {"type":"SYSTEM","event":"job.succeeded"|"job.dead","job_id",
   * "collector_id","attempts","rows","error","ts"}}.
   */
  public static final String JOB_EVENTS = "ndc.collector.job.events";

  private CollectorAddresses() {
  }
}
