package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SourceStatusTest {

  @Test
  void snapshotShowsFreshnessReconnectsAndQuotaPerSource() {
    SourceStatus status = SourceStatus.of("status-test-source");
    assertThat(SourceStatus.snapshot().getJsonObject("status-test-source").getValue("last_message_at")).isNull();
    status.messageReceived();
    status.reconnected();
    status.quotaUsed(7);
    JsonObject seen = SourceStatus.snapshot().getJsonObject("status-test-source");
    assertThat(seen.getString("last_message_at")).isNotNull();
    assertThat(seen.getDouble("freshness_s")).isBetween(0.0, 5.0);
    assertThat(seen.getLong("reconnects")).isEqualTo(1);
    assertThat(seen.getLong("quota_used")).isEqualTo(7);
  }
}
