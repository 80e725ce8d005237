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
    // the bucket 6.5 intervals ahead of now: 7 tokens in use
    status.quotaSeen(TokenBucket.perMinute(60, 10), SourceQuota.nowMicros() + 6_500_000);
    status.quotaSeen(TokenBucket.perMinute(60, 10), SourceQuota.nowMicros());
    JsonObject seen = SourceStatus.snapshot().getJsonObject("status-test-source");
    assertThat(seen.getString("last_message_at")).isNotNull();
    assertThat(seen.getDouble("freshness_s")).isBetween(0.0, 5.0);
    assertThat(seen.getLong("reconnects")).isEqualTo(1);
    assertThat(seen.getLong("quota_used")).as("an older TAT seen later changes nothing").isEqualTo(7);
  }
}
