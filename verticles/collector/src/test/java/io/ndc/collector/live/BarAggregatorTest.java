package io.ndc.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BarAggregatorTest {
  private static final long T0 = 1_704_205_800_000L; // a minute boundary

  @Test
  void aTradeOfTheNextMinuteClosesTheBar() {
    BarAggregator aggregator = new BarAggregator();
    assertThat(aggregator.add("A", 10, 1, T0 + 1_000)).isNull();
    assertThat(aggregator.add("A", 12, 2, T0 + 20_000)).isNull();
    assertThat(aggregator.add("A", 9, 3, T0 + 59_999)).isNull();
    BarAggregator.Bar closed = aggregator.add("A", 11, 1, T0 + 60_000);
    assertThat(closed.toJson(true).encode()).isEqualTo(
        "{\"type\":\"bar\",\"interval\":\"1m\",\"symbol\":\"A\",\"ts\":\"2024-01-02T14:30:00Z\",\"open\":10,\"high\":12,"
            + "\"low\":9,\"close\":9,\"volume\":6,\"final\":true}");
  }

  @Test
  void theClockClosesQuietBarsAndChangedFormingBarsAreReportedOnce() {
    BarAggregator aggregator = new BarAggregator();
    aggregator.add("A", 10, 1, T0);
    aggregator.add("B", 20, 1, T0 + 30_000);
    assertThat(aggregator.changedForming()).hasSize(2);
    assertThat(aggregator.changedForming()).isEmpty();
    assertThat(aggregator.closeBefore(T0 + 59_000)).isEmpty();
    assertThat(aggregator.closeBefore(T0 + 60_000)).extracting(b -> b.symbol).containsExactlyInAnyOrder("A", "B");
  }

  @Property
  void barsSumVolumeAndBoundPrices(@ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = 0.01, max = 1000) Double> prices,
      @ForAll @IntRange(min = 1, max = 100) int size) {
    BarAggregator aggregator = new BarAggregator();
    List<BarAggregator.Bar> bars = new ArrayList<>();
    for (int i = 0; i < prices.size(); i++) {
      BarAggregator.Bar closed = aggregator.add("S", prices.get(i), size, T0 + i * 7_000L);
      if (closed != null) {
        bars.add(closed);
      }
    }
    bars.addAll(aggregator.closeBefore(Long.MAX_VALUE));
    assertThat(bars.stream().mapToDouble(b -> b.volume).sum()).isEqualTo((double) size * prices.size());
    assertThat(bars).allSatisfy(b -> {
      assertThat(b.high).isGreaterThanOrEqualTo(Math.max(b.open, b.close));
      assertThat(b.low).isLessThanOrEqualTo(Math.min(b.open, b.close));
      assertThat(b.start % 60_000).isZero();
    });
    assertThat(bars.get(0).open).isEqualTo(prices.get(0));
    assertThat(bars.get(bars.size() - 1).close).isEqualTo(prices.get(prices.size() - 1));
  }
}
