package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.IndicatorInterest;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

  @Test
  void leasesAreRenewedAtAThirdOfTheLifetimeTheAnalysisNodeGranted() {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger renewals = new AtomicInteger();
      AtomicLong released = new AtomicLong(-1);
      vertx.eventBus().<JsonObject>consumer(AnalysisAddresses.INDICATOR_INTEREST, m -> m.reply(granted(m.body())))
          .completion().await();
      vertx.eventBus().<JsonObject>consumer(AnalysisAddresses.interestOn("n1"), m -> {
        if (m.body().getLong("ttl_ms") == 0) {
          released.set(renewals.get());
        } else {
          renewals.incrementAndGet();
        }
        m.reply(granted(m.body()));
      }).completion().await();
      // the gateway asks for 30 s; the node grants 300 ms, so renewals must come every 100 ms, not every 10 s
      IndicatorInterests interests = new IndicatorInterests(vertx, 30_000, 1_000);
      String address = StreamChannel.INDICATORS_5M.address("AAPL", List.of("sma:20"));
      interests.take(address).await();
      Waits.await("three renewals within the granted lifetime's thirds").atMost(Duration.ofSeconds(3))
          .until(() -> renewals.get() >= 3);
      interests.release(address);
      Waits.await("the release").atMost(Duration.ofSeconds(3)).until(() -> released.get() >= 3);
      interests.close();
    } finally {
      vertx.close().await();
    }
  }

  private static JsonObject granted(JsonObject interest) {
    return new JsonObject().put("node", "n1").put("address", IndicatorInterest.fromJson(interest).address())
        .put("ttl_ms", Math.min(300, interest.getLong("ttl_ms")));
  }
}
