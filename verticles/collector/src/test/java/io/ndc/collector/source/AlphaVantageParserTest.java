package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.source.alphavantage.AlphaVantageParser;
import io.ndc.collector.testing.FixtureServer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class AlphaVantageParserTest {
  private static final LocalDate FROM = LocalDate.of(2000, 1, 1);
  private static final LocalDate TO = LocalDate.of(2100, 1, 1);

  @Test
  void readsStringValuesUnderNumberedKeysAndSortsAscending() {
    List<JsonObject> rows = AlphaVantageParser.parse(FixtureServer.read("alphavantage/ibm-daily.json"), "IBM", true, FROM, TO, 1000);
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-05-02", "2024-05-03", "2024-05-06");
    JsonObject last = rows.get(2);
    assertThat(last.getDouble("open")).isEqualTo(166.5);
    assertThat(last.getDouble("high")).isEqualTo(168.67);
    assertThat(last.getDouble("low")).isEqualTo(166.38);
    assertThat(last.getDouble("close")).isEqualTo(168.61);
    assertThat(last.getDouble("volume")).isEqualTo(4222266);
  }

  @Test
  void intradayTimesAreUsEasternConvertedToUtc() {
    List<JsonObject> rows = AlphaVantageParser.parse(FixtureServer.read("alphavantage/ibm-intraday-5min.json"), "IBM", false, FROM, TO, 1000);
    // 19:55 New York daylight time (EDT, UTC-4) on 2024-03-26
    assertThat(rows).extracting(r -> r.getString("ts")).containsExactly("2024-03-26T23:50:00Z", "2024-03-26T23:55:00Z");
  }

  @Test
  void theWindowFiltersRows() {
    List<JsonObject> rows = AlphaVantageParser.parse(FixtureServer.read("alphavantage/ibm-daily.json"), "IBM", true,
        LocalDate.of(2024, 5, 3), LocalDate.of(2024, 5, 5), 1000);
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-05-03");
  }

  @Test
  void errorMessageWithHttp200IsARejection() {
    assertThatThrownBy(() -> AlphaVantageParser.parse(FixtureServer.read("alphavantage/error.json"), "XX", true, FROM, TO, 1000))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).contains("Invalid API call");
        });
  }

  @Test
  void noteAndInformationAreThrottlingWithTheConfiguredWait() {
    for (String fixture : List.of("alphavantage/note.json", "alphavantage/information.json")) {
      assertThatThrownBy(() -> AlphaVantageParser.parse(FixtureServer.read(fixture), "IBM", true, FROM, TO, 1234))
          .isInstanceOfSatisfying(SourceFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(SourceFailure.Kind.THROTTLED);
            assertThat(f.retryAfterMs()).isEqualTo(1234);
          });
    }
  }

  @Property
  void everyStringNumberIsReadExactly(@ForAll @BigRange(min = "0", max = "100000") @Scale(4) BigDecimal price) {
    String text = price.setScale(4, java.math.RoundingMode.UNNECESSARY).toPlainString();
    String body = "{\"Meta Data\":{\"5. Time Zone\":\"US/Eastern\"},\"Time Series (Daily)\":{\"2024-01-02\":{\"1. open\":\"" + text
        + "\",\"2. high\":\"" + text + "\",\"3. low\":\"" + text + "\",\"4. close\":\"" + text + "\",\"5. volume\":\"7\"}}}";
    List<JsonObject> rows = AlphaVantageParser.parse(body, "X", true, FROM, TO, 1000);
    assertThat(rows).singleElement().satisfies(r -> assertThat(BigDecimal.valueOf(r.getDouble("close")).compareTo(price)).isZero());
  }
}
