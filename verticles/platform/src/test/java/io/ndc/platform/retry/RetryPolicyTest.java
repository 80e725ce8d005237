package io.ndc.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  /** SPEC §10: 8 attempts, first 5 s, doubling, cap 1 h. */
  private final RetryPolicy notification = RetryPolicy.fromConfig(new JsonObject(), "notification.retry");

  @Test
  void notificationDefaultsAreThoseOfTheSpec() {
    assertThat(notification).isEqualTo(new RetryPolicy(8, 5_000, 2, 3_600_000));
    assertThat(notification.baseDelayMs(1)).isEqualTo(5_000);
    assertThat(notification.baseDelayMs(2)).isEqualTo(10_000);
    assertThat(notification.baseDelayMs(7)).isEqualTo(320_000);
    assertThat(notification.baseDelayMs(30)).isEqualTo(3_600_000);
    assertThat(notification.exhausted(7)).isFalse();
    assertThat(notification.exhausted(8)).isTrue();
  }

  @Test
  void theConfigurationOverridesTheDefaultsUnderItsPath() {
    JsonObject config = new JsonObject().put("notification", new JsonObject().put("retry", new JsonObject()
        .put("max_attempts", 3).put("first_delay_ms", 50)));
    assertThat(RetryPolicy.fromConfig(config, "notification.retry")).isEqualTo(new RetryPolicy(3, 50, 2, 3_600_000));
  }

  @Property
  void jitteredDelaysStayWithinHalfToFullOfAGrowingCappedBase(@ForAll @IntRange(min = 1, max = 40) int attempt) {
    long delay = notification.delayMs(attempt);
    long base = notification.baseDelayMs(attempt);
    assertThat(delay).isBetween(base / 2, base);
    assertThat(base).isLessThanOrEqualTo(3_600_000).isGreaterThanOrEqualTo(notification.baseDelayMs(Math.max(1, attempt - 1)));
  }

  @Test
  void nonsenseIsRefusedNamingThePath() {
    JsonObject config = new JsonObject().put("notification", new JsonObject().put("retry", new JsonObject().put("multiplier", 0.5)));
    assertThatThrownBy(() -> RetryPolicy.fromConfig(config, "notification.retry"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notification.retry").hasMessageContaining("multiplier");
  }
}
