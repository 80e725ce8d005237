package io.ndc.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.BarInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketsTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void intradayBucketsFloorToTheIntervalAndAForming1mBarReplacesItself() {
    Buckets five = new Buckets(BarInterval.M5);
    five.reset(new long[] {at("2026-01-05T10:05:00Z"), at("2026-01-05T10:06:00Z")}, new double[] {10, 11},
        new double[] {12, 13}, new double[] {9, 10.5}, new double[] {11, 12}, new double[] {100, 50});
    assertThat(five.add(at("2026-01-05T10:07:00Z"), 12, 12.5, 8, 12.2, 5))
        .containsExactly(at("2026-01-05T10:05:00Z"), 10, 13, 8, 12.2, 155);
    assertThat(five.add(at("2026-01-05T10:07:00Z"), 12, 14, 11, 13.5, 7)).as("the same 1m bar, later")
        .containsExactly(at("2026-01-05T10:05:00Z"), 10, 14, 9, 13.5, 157);
    assertThat(five.completes(at("2026-01-05T10:08:00Z"))).isFalse();
    assertThat(five.completes(at("2026-01-05T10:09:00Z"))).isTrue();
    assertThat(five.add(at("2026-01-05T10:10:00Z"), 20, 21, 19, 20.5, 1)).as("a new bucket")
        .containsExactly(at("2026-01-05T10:10:00Z"), 20, 21, 19, 20.5, 1);
    assertThat(five.add(at("2026-01-05T10:09:00Z"), 1, 1, 1, 1, 1)).as("an earlier bucket").isNull();
    assertThat(Buckets.start(BarInterval.H1, at("2026-01-05T10:59:00Z"))).isEqualTo(at("2026-01-05T10:00:00Z"));
    assertThat(Buckets.start(BarInterval.M15, at("2026-01-05T10:44:00Z"))).isEqualTo(at("2026-01-05T10:30:00Z"));
  }

  @Test
  void weeksStartOnMondayAndMonthsOnTheFirstInUtc() {
    assertThat(Buckets.start(BarInterval.WEEKLY, at("2026-01-11T00:00:00Z"))).as("a Sunday")
        .isEqualTo(at("2026-01-05T00:00:00Z"));
    assertThat(Buckets.start(BarInterval.WEEKLY, at("2026-01-05T00:00:00Z"))).isEqualTo(at("2026-01-05T00:00:00Z"));
    assertThat(Buckets.start(BarInterval.MONTHLY, at("2024-02-29T00:00:00Z"))).isEqualTo(at("2024-02-01T00:00:00Z"));
    Buckets month = new Buckets(BarInterval.MONTHLY);
    assertThat(month.completes(at("2024-02-28T00:00:00Z"))).isFalse();
    assertThat(month.completes(at("2024-02-29T00:00:00Z"))).isTrue();
    Buckets week = new Buckets(BarInterval.WEEKLY);
    assertThat(week.completes(at("2026-01-09T00:00:00Z"))).as("Friday").isFalse();
    assertThat(week.completes(at("2026-01-11T00:00:00Z"))).as("Sunday").isTrue();
  }
}
