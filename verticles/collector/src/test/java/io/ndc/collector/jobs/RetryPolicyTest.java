package io.ndc.collector.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.platform.retry.RetryPolicy;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy defaults = JobQueue.retryPolicy(new JsonObject());

  @Test
  void defaultsAreFiveAttemptsFromOneSecondDoublingCappedAtFiveMinutes() {
    assertThat(defaults).isEqualTo(new RetryPolicy(5, 1_000, 2, 300_000));
    assertThat(defaults.baseDelayMs(1)).isEqualTo(1_000);
    assertThat(defaults.baseDelayMs(2)).isEqualTo(2_000);
    assertThat(defaults.baseDelayMs(4)).isEqualTo(8_000);
    assertThat(defaults.baseDelayMs(20)).isEqualTo(300_000);
    assertThat(defaults.exhausted(4)).isFalse();
    assertThat(defaults.exhausted(5)).isTrue();
  }

  @Property
  void jitteredDelaysStayWithinHalfToFullOfAGrowingCappedBase(@ForAll @IntRange(min = 1, max = 40) int attempt) {
    long delay = defaults.delayMs(attempt);
    long base = defaults.baseDelayMs(attempt);
    assertThat(delay).isBetween(base / 2, base);
    assertThat(base).isLessThanOrEqualTo(300_000).isGreaterThanOrEqualTo(defaults.baseDelayMs(Math.max(1, attempt - 1)));
  }

  @Test
  void nonsenseConfigIsRefused() {
    JsonObject config = new JsonObject().put("collector", new JsonObject().put("retry", new JsonObject().put("max_attempts", 0)));
    assertThatThrownBy(() -> JobQueue.retryPolicy(config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_attempts");
  }
}
