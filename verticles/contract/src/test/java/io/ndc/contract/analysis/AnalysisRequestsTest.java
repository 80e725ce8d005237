package io.ndc.contract.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.Failure;
import io.ndc.contract.RawContent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisRequestsTest {

  private static JsonObject query(String... pairs) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      json.put(pairs[i], pairs[i + 1]);
    }
    return json;
  }

  @Test
  void technicalQueriesReadQueryParametersAndRoundTrip() {
    TechnicalQuery q = TechnicalQuery.fromJson(query("symbol", "aapl", "start_date", "2024-01-01", "end_date",
        "2024-06-30", "indicators", "sma:20, rsi:14,bollinger:20:2"));
    assertThat(q.range().symbol()).isEqualTo("AAPL");
    assertThat(q.range().interval()).isEqualTo(BarInterval.DAILY);
    assertThat(q.range().warmup()).isTrue();
    assertThat(q.indicators()).containsExactly("sma:20", "rsi:14", "bollinger:20:2");
    assertThat(TechnicalQuery.fromJson(q.toJson())).isEqualTo(q);
    assertThat(q.range().end()).isEqualTo(Instant.parse("2024-06-30T23:59:59.999Z"));
    assertThat(q.range().start(Instant.now())).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void badInputIsAValidationFailureNamingTheField() {
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "AAPL"))).isInstanceOf(Failure.class)
        .hasMessageContaining("indicators");
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "AAPL", "indicators", "sma", "start_date", "2024-13-01")))
        .hasMessageContaining("start_date '2024-13-01'");
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "AAPL", "indicators", "sma", "start_date",
        "2024-02-01", "end_date", "2024-01-01"))).hasMessageContaining("after end_date");
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "AAPL", "indicators", "sma", "interval", "2m")))
        .hasMessageContaining("unknown interval '2m'");
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "AAPL", "indicators", "sma", "warmup", "some")))
        .hasMessageContaining("warmup");
    assertThatThrownBy(() -> TechnicalQuery.fromJson(query("symbol", "a b", "indicators", "sma")))
        .hasMessageContaining("not a valid symbol");
    assertThat(((Failure) catchFailure(() -> ChartQuery.fromJson(query("symbol", "A", "width", "9")))).status()).isEqualTo(400);
  }

  private static Throwable catchFailure(Runnable r) {
    try {
      r.run();
    } catch (Failure f) {
      return f;
    }
    throw new AssertionError("no failure");
  }

  @Test
  void customQueriesTakeOneOrNamedExpressions() {
    CustomQuery one = CustomQuery.fromJson(new JsonObject().put("symbol", "MSFT").put("expression", "close > sma(close,20)"));
    assertThat(one.single()).isTrue();
    assertThat(one.expressions()).containsEntry(CustomQuery.SINGLE, "close > sma(close,20)");
    CustomQuery many = CustomQuery.fromJson(new JsonObject().put("symbol", "MSFT")
        .put("expressions", new JsonObject().put("fast", "ema(close,12)").put("slow", "ema(close,26)")));
    assertThat(many.expressions().keySet()).containsExactly("fast", "slow");
    assertThat(CustomQuery.fromJson(many.toJson())).isEqualTo(many);
    assertThat(CustomQuery.fromJson(one.toJson())).isEqualTo(one);
    assertThatThrownBy(() -> CustomQuery.fromJson(new JsonObject().put("symbol", "MSFT"))).hasMessageContaining("expression");
  }

  @Test
  void screensNameExactlyOneUniverse() {
    ScreenQuery q = ScreenQuery.fromJson(new JsonObject().put("expression", "close > 1")
        .put("symbols", new JsonArray().add("aapl").add("AAPL").add("msft")).put("limit", 5).put("rank_by", "rsi(close,14)"));
    assertThat(q.symbols()).containsExactly("AAPL", "MSFT");
    assertThat(ScreenQuery.fromJson(q.toJson())).isEqualTo(q);
    assertThatThrownBy(() -> ScreenQuery.fromJson(new JsonObject().put("expression", "close > 1")))
        .hasMessageContaining("exactly one universe");
    assertThatThrownBy(() -> ScreenQuery.fromJson(new JsonObject().put("expression", "close > 1").put("all", true)
        .put("market", "NASDAQ"))).hasMessageContaining("exactly one universe");
    assertThat(ScreenQuery.fromJson(new JsonObject().put("expression", "x").put("all", "true")).all()).isTrue();
  }

  @Test
  void interestsAreCanonicalSoEqualSetsShareAnAddress() {
    IndicatorInterest a = IndicatorInterest.fromJson(new JsonObject().put("interval", "1m").put("symbol", "aapl")
        .put("indicators", new JsonArray().add("SMA:20").add("rsi:14").add("sma:20")));
    assertThat(a.indicators()).containsExactly("rsi:14", "sma:20");
    assertThat(a.address()).isEqualTo("ndc.analysis.indicator.1m.AAPL.rsi:14,sma:20");
    assertThat(IndicatorInterest.fromJson(a.toJson())).isEqualTo(a);
    assertThatThrownBy(() -> IndicatorInterest.canonical(List.of())).isInstanceOf(Failure.class);
  }

  @Test
  void rawContentIsRecognisedOnlyWhenWhole() {
    RawContent svg = new RawContent("image/svg+xml", "<svg/>");
    assertThat(RawContent.fromReply(svg.toJson())).isEqualTo(svg);
    assertThat(RawContent.fromReply(new JsonObject().put("raw_content_type", "x"))).isNull();
    assertThat(RawContent.fromReply(new JsonArray())).isNull();
  }
}
