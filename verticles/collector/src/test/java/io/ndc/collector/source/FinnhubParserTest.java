package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.source.finnhub.FinnhubParser;
import io.ndc.collector.testing.FixtureServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinnhubParserTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate FROM = LocalDate.of(2000, 1, 1);
  private static final LocalDate TO = LocalDate.of(2100, 1, 1);

  @Test
  void dailyCandlesStampedAtMidnightUtcKeepTheirDate() {
    List<JsonObject> rows = FinnhubParser.candles(FixtureServer.read("finnhub/candles-aapl-daily.json"), "AAPL", true, NEW_YORK, FROM, TO);
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-01-02", "2024-01-03", "2024-01-04");
    assertThat(rows.get(0).getDouble("low")).isEqualTo(183.885);
  }

  @Test
  void noDataIsEmptyAndAnErrorIsARejection() {
    assertThat(FinnhubParser.candles(FixtureServer.read("finnhub/no-data.json"), "X", true, NEW_YORK, FROM, TO)).isEmpty();
    assertThatThrownBy(() -> FinnhubParser.candles(FixtureServer.read("finnhub/invalid-key.json"), "X", true, NEW_YORK, FROM, TO))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.getMessage()).contains("Invalid API key"));
  }

  @Test
  void priceUpdatesWithZeroVolumeAreNotTradesAndPingsCarryNone() {
    List<String> frames = FixtureServer.read("finnhub/ws-frames.jsonl").lines().toList();
    List<FinnhubParser.Trade> trades = FinnhubParser.trades(new JsonObject(frames.get(0)));
    assertThat(trades).containsExactly(new FinnhubParser.Trade("AAPL", 129.58, 1, 1672348887666L),
        new FinnhubParser.Trade("AAPL", 129.61, 200, 1672348888011L));
    assertThat(FinnhubParser.trades(new JsonObject(frames.get(1)))).isEmpty();
    assertThat(FinnhubParser.trades(new JsonObject(frames.get(2)))).isEmpty();
  }
}
