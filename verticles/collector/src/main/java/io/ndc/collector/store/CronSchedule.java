package io.ndc.collector.store;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/** A five-field Unix cron expression (minute hour day-of-month month day-of-week) in a time zone. */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final ExecutionTime execution;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime execution, ZoneId zone) {
    this.execution = execution;
    this.zone = zone;
  }

  /** @throws IllegalArgumentException naming what is wrong with the expression or zone */
  public static CronSchedule parse(String cron, String timezone) {
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("cron is required (five fields: minute hour day-of-month month day-of-week)");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone == null ? "UTC" : timezone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown timezone '" + timezone + "'");
    }
    try {
      return new CronSchedule(ExecutionTime.forCron(PARSER.parse(cron.trim()).validate()), zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron '" + cron + "': " + e.getMessage());
    }
  }

  /** The first fire time strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    return execution.nextExecution(after.atZone(zone))
        .map(t -> t.toInstant())
        .orElseThrow(() -> new IllegalArgumentException("the cron expression never fires"));
  }
}
