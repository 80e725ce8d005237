package io.ndc.collector.api;

import io.ndc.contract.Fields;
import io.ndc.collector.store.CronSchedule;
import io.ndc.contract.Page;
import io.ndc.collector.store.ScheduleStore;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** {@code GET,POST /schedules}, {@code DELETE /schedules/{id}}. */
final class ScheduleApi {
  private final ScheduleStore schedules;

  ScheduleApi(ScheduleStore schedules) {
    this.schedules = schedules;
  }

  Future<JsonObject> create(JsonObject body) {
    UUID collectorId = Ids.required(body, "collector_id");
    String given = Fields.string(body, "timezone");
    if (given == null && body.containsKey("timezone")) {
      throw Failure.validation("'timezone' must be a time zone name such as UTC or Asia/Seoul (leave it out for UTC)",
          new JsonObject().put("field", "timezone"));
    }
    String timezone = given == null ? "UTC" : given;
    String expression = Fields.string(body, "cron");
    CronSchedule cron = CronSchedule.parse(expression, timezone);
    return schedules.create(collectorId, expression, timezone, cron.nextAfter(Instant.now()));
  }

  Future<JsonObject> list(JsonObject body) {
    return schedules.list(Page.fromJson(body));
  }

  Future<JsonObject> delete(JsonObject body) {
    UUID id = Ids.required(body, "id");
    return schedules.delete(id).map(deleted -> {
      if (!deleted) {
        throw Failure.notFound("no schedule " + id);
      }
      return new JsonObject().put("id", id.toString()).put("deleted", true);
    });
  }
}
