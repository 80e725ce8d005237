package io.ndc.storage.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.BarInterval;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void everyContractIntervalIsOneStorageIntervalWithItsIdAndLength() {
    assertThat(Interval.values()).hasSameSizeAs(BarInterval.values());
    for (BarInterval contract : BarInterval.values()) {
      Interval storage = Interval.of(contract);
      assertThat(storage.id()).isEqualTo(contract.id());
      assertThat(storage.length().toMillis()).isEqualTo(contract.lengthMs());
      assertThat(storage.intraday()).isEqualTo(contract.intraday());
      assertThat(Interval.parse(contract.id())).isSameAs(storage);
    }
    assertThat(Arrays.stream(Interval.values()).filter(i -> !i.stored()).map(Interval::id)).containsExactly("weekly", "monthly");
  }
}
