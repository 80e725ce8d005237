package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long START = 1_700_000_000_000_000L;

  @Test
  void aFullBucketLetsCapacityRequestsGoAtOnceAndTheNextWaitsOneInterval() {
    TokenBucket bucket = TokenBucket.perMinute(600, 5); // a token every 100 ms
    long tat = 0;
    for (int i = 0; i < 5; i++) {
      TokenBucket.Reservation slot = bucket.reserve(tat, START);
      assertThat(slot.waitMicros()).as("request %d", i + 1).isZero();
      tat = slot.newTat();
    }
    assertThat(bucket.used(tat, START)).isEqualTo(5);
    assertThat(bucket.available(tat, START)).isZero();

    TokenBucket.Reservation sixth = bucket.reserve(tat, START);
    assertThat(sixth.waitMicros()).isEqualTo(100_000);
    TokenBucket.Reservation seventh = bucket.reserve(sixth.newTat(), START);
    assertThat(seventh.waitMicros()).as("queued behind the sixth").isEqualTo(200_000);
    assertThat(bucket.used(seventh.newTat(), START)).as("two requests waiting").isEqualTo(7);

    assertThat(bucket.available(tat, START + 250_000)).as("refilled for 250 ms").isEqualTo(2);
    assertThat(bucket.available(tat, START + 60_000_000)).isEqualTo(5);
    assertThat(bucket.used(tat, START + 60_000_000)).isZero();
  }

  @Test
  void theIntervalIsRoundedUpSoTheRateNeverExceedsTheQuota() {
    assertThat(TokenBucket.perMinute(7, 1).intervalMicros()).isEqualTo(8_571_429);
    assertThat(TokenBucket.perMinute(60, 1).intervalMicros()).isEqualTo(1_000_000);
  }

  @Test
  void theDefaultCapacityIsTenSecondsOfQuotaAndAtLeastOne() {
    assertThat(TokenBucket.defaultCapacity(60)).isEqualTo(10);
    assertThat(TokenBucket.defaultCapacity(1000)).isEqualTo(166);
    assertThat(TokenBucket.defaultCapacity(5)).isEqualTo(1);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> TokenBucket.perMinute(0, 1)).hasMessageContaining("quota_per_minute");
    assertThatThrownBy(() -> TokenBucket.perMinute(10, 0)).hasMessageContaining("capacity");
  }

  /**
   * Requests arriving at any times (gaps in µs) go out at most capacity + rate × t in any closed window of length t,
   * in the order they reserved, never before they arrive, and never more than one interval after the previous one
   * (so the bucket does not hold back a request it has a token for).
   */
  @Property
  void grantsNeverExceedTheBucketInAnyWindow(@ForAll @IntRange(min = 1, max = 100_000) int quotaPerMinute,
                                             @ForAll @IntRange(min = 1, max = 50) int capacity,
                                             @ForAll @Size(max = 150) List<@LongRange(min = 0, max = 30_000_000) Long> gaps) {
    TokenBucket bucket = TokenBucket.perMinute(quotaPerMinute, capacity);
    List<Long> releases = new ArrayList<>();
    long tat = 0;
    long arrival = START;
    for (long gap : gaps) {
      arrival += gap;
      TokenBucket.Reservation slot = bucket.reserve(tat, arrival);
      long release = arrival + slot.waitMicros();
      assertThat(slot.waitMicros()).isNotNegative();
      if (!releases.isEmpty()) {
        long previous = releases.get(releases.size() - 1);
        assertThat(release).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Math.max(arrival, previous + bucket.intervalMicros()));
      }
      releases.add(release);
      tat = slot.newTat();
    }
    for (int i = 0; i < releases.size(); i++) {
      for (int j = i; j < releases.size(); j++) {
        long window = releases.get(j) - releases.get(i);
        long granted = j - i + 1;
        assertThat((granted - capacity) * 60_000_000L).as("%d granted in %d µs", granted, window)
            .isLessThanOrEqualTo(window * quotaPerMinute);
      }
    }
  }

  /** What {@link TokenBucket#available} reports is exactly how many requests would go out at once. */
  @Property
  void availableCountsTheRequestsThatGoAtOnce(@ForAll @IntRange(min = 1, max = 100_000) int quotaPerMinute,
                                              @ForAll @IntRange(min = 1, max = 50) int capacity,
                                              @ForAll @LongRange(min = -120_000_000, max = 120_000_000) long tatAheadOfNow) {
    TokenBucket bucket = TokenBucket.perMinute(quotaPerMinute, capacity);
    long tat = START + tatAheadOfNow;
    long atOnce = 0;
    while (atOnce <= capacity) {
      TokenBucket.Reservation slot = bucket.reserve(tat, START);
      if (slot.waitMicros() > 0) {
        break;
      }
      tat = slot.newTat();
      atOnce++;
    }
    assertThat(bucket.available(START + tatAheadOfNow, START)).isEqualTo(atOnce);
  }
}
