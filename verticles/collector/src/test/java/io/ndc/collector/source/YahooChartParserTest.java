package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.source.yahoo.YahooChartParser;
import io.ndc.collector.testing.FixtureServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class YahooChartParserTest {
  private static final LocalDate ANY_FROM = LocalDate.of(1970, 1, 1);
  private static final LocalDate ANY_TO = LocalDate.of(2100, 1, 1);

  @Test
  void readsParallelArraysSkipsTheNullSessionAndDatesInNewYork() {
    List<JsonObject> rows = YahooChartParser.parse(FixtureServer.read("yahoo/aapl-daily.json"), "AAPL", true, ANY_FROM, ANY_TO);
    assertThat(rows).hasSize(3);
    JsonObject first = rows.get(0);
    assertThat(first.getString("date")).isEqualTo("2024-01-02");
    assertThat(first.getDouble("open")).isEqualTo(187.15);
    assertThat(first.getDouble("high")).isEqualTo(188.44);
    assertThat(first.getDouble("low")).isEqualTo(183.89);
    assertThat(first.getDouble("close")).isEqualTo(185.64);
    assertThat(first.getDouble("volume")).isEqualTo(82488700);
    assertThat(first.getDouble("adj_close")).isEqualTo(184.93834);
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-01-02", "2024-01-03", "2024-01-04");
  }

  @Test
  void intradayBarsAreUtcInstantsAndTheWindowIsExchangeLocal() {
    List<JsonObject> rows = YahooChartParser.parse(FixtureServer.read("yahoo/aapl-daily.json"), "AAPL", false,
        LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 3));
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.getString("ts")).isEqualTo("2024-01-03T14:30:00Z"));
  }

  @Test
  void anErrorObjectIsARejection() {
    assertThatThrownBy(() -> YahooChartParser.parse(FixtureServer.read("yahoo/not-found.json"), "NOPE", true, ANY_FROM, ANY_TO))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).contains("NOPE", "Not Found", "delisted");
        });
  }

  @Test
  void aBodyThatIsNotChartJsonIsAnUnavailableSource() {
    assertThatThrownBy(() -> YahooChartParser.parse("<html>rate limited</html>", "AAPL", true, ANY_FROM, ANY_TO))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.UNAVAILABLE));
  }

  /** A bar late in the New York evening is still that New York day, though it is the next day in UTC. */
  @Property
  void dateIsTheExchangeLocalDate(@ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long epoch,
      @ForAll @FloatRange(min = 0.01f, max = 100_000f) float price) {
    JsonObject chart = chart(epoch, price);
    List<JsonObject> rows = YahooChartParser.parse(chart.encode(), "X", true, ANY_FROM, ANY_TO);
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.getString("date")).isEqualTo(java.time.Instant.ofEpochSecond(epoch).atZone(java.time.ZoneId.of("America/New_York")).toLocalDate().toString());
      // float32 noise is removed: the value printed is the float's shortest decimal
      assertThat(r.getDouble("close")).isEqualTo(Double.parseDouble(Float.toString(price)));
    });
  }

  private static JsonObject chart(long epoch, float price) {
    JsonArray p = new JsonArray().add((double) price);
    return new JsonObject().put("chart", new JsonObject().putNull("error").put("result", new JsonArray().add(new JsonObject()
        .put("meta", new JsonObject().put("exchangeTimezoneName", "America/New_York"))
        .put("timestamp", new JsonArray().add(epoch))
        .put("indicators", new JsonObject().put("quote", new JsonArray().add(new JsonObject()
            .put("open", p).put("high", p).put("low", p).put("close", p).put("volume", new JsonArray().add(100))))))));
  }
}
