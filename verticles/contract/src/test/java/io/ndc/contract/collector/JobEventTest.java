package io.ndc.contract.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobEventTest {

  @Test
  void aJobEventIsASystemEventThatRoundTrips() {
    JobEvent event = new JobEvent(JobEvent.DEAD, "j1", "c1", "dead", 3, new JsonObject().put("accepted", 0),
        "source unreachable", Instant.parse("2026-12-04T00:00:00Z"));
    JsonObject json = event.toJson();
    assertThat(json.getString("type")).isEqualTo("SYSTEM");
    assertThat(json.getString("event")).isEqualTo("job.dead");
    assertThat(json.getString("ts")).isEqualTo("2026-12-04T00:00:00Z");
    assertThat(JobEvent.fromJson(json)).isEqualTo(event);
  }

  @Test
  void anUnknownEventOrAMissingJobIsRefused() {
    assertThatThrownBy(() -> new JobEvent("job.started", "j", "c", null, 0, null, null, null))
        .isInstanceOf(Failure.class).hasMessageContaining("job.succeeded or job.dead");
    assertThatThrownBy(() -> JobEvent.fromJson(new JsonObject().put("event", "job.succeeded")))
        .isInstanceOf(Failure.class).hasMessage("a job event names its job_id and collector_id");
  }
}
