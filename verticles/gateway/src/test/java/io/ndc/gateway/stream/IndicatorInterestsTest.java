package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.analysis.IndicatorInterest;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorInterestsTest {

  @Test
  void addressesReadBackAsTheirInterestEvenWithDotsInSymbolAndParameters() {
    for (String symbol : List.of("AAPL", "BRK.B", "005930", "A.1.X")) {
      String address = StreamChannel.INDICATORS_1M.address(symbol, List.of("sar:0.02:0.2", "RSI:14", "sma:20"));
      IndicatorInterest interest = IndicatorInterests.parse(address, 1000);
      assertThat(interest.symbol()).isEqualTo(symbol);
      assertThat(interest.indicators()).containsExactly("rsi:14", "sar:0.02:0.2", "sma:20");
      assertThat(interest.address()).isEqualTo(address);
    }
  }
}
