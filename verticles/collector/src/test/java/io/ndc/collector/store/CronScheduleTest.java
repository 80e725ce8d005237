package io.ndc.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void nextFireTimeHonoursTheTimeZone() {
    CronSchedule weekdaysAfterNewYorkClose = CronSchedule.parse("30 16 * * 1-5", "America/New_York");
    // Friday 2024-01-05 22:00 UTC is after 16:30 New York: next is Monday 16:30 EST = 21:30 UTC
    assertThat(weekdaysAfterNewYorkClose.nextAfter(Instant.parse("2024-01-05T22:00:00Z"))).isEqualTo(Instant.parse("2024-01-08T21:30:00Z"));
  }

  @Test
  void invalidCronAndZoneAreClearErrors() {
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", "UTC")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cron");
    assertThatThrownBy(() -> CronSchedule.parse("every day", "UTC")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cron");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * *", "Mars/Olympus")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timezone");
    assertThatThrownBy(() -> CronSchedule.parse(null, "UTC")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron is required");
  }

  @Test
  void collectorRequestsAreValidated() {
    UUID id = UUID.randomUUID();
    JsonObject ok = new JsonObject().put("source", "s").put("symbols", new JsonArray().add("aapl").add("005930"));
    Collector collector = Collector.fromRequest(id, ok);
    assertThat(collector.symbols()).containsExactly("AAPL", "005930");
    assertThat(collector.interval()).isEqualTo("daily");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("dataset", "quotes"))).hasMessageContaining("unknown dataset");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("dataset", "trades"))).hasMessageContaining("live");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("interval", "2m"))).hasMessageContaining("unknown interval");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("symbols", new JsonArray().add("*")))).hasMessageContaining("live collectors only");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("symbols", new JsonArray().add("A B")))).hasMessageContaining("invalid symbols");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("start_date", "2024-02-01").put("end_date", "2024-01-01")))
        .hasMessageContaining("start_date");
    assertThatThrownBy(() -> Collector.fromRequest(id, ok.copy().put("start_date", "01/02/2024"))).hasMessageContaining("YYYY-MM-DD");
    assertThat(Collector.fromRequest(id, ok.copy().put("live", true).put("symbols", new JsonArray().add("*"))).dataset().id()).isEqualTo("trades");
  }
}
