package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated expression strings through the real route ({@code POST /api/v1/analysis/custom}: gateway, bus,
 * analysis, storage, PostgreSQL, Redis): every answer is a 200 with values aligned to the dates or a 400
 * {@code VALIDATION_ERROR} in the error envelope, in well under the bus timeout: never a 500, a 504 or a hang.
 */
class CustomExpressionRestTest {
  private static final String DB = TestConfig.uniqueDatabase("expr_rest");
  /** An answer later than this is a hang (the bus timeout is 5 s; a 400 or a 200 over 120 bars takes milliseconds). */
  private static final long SLOW_MS = 3_000;
  private static TestNode node;
  private static String token;

  /** Valid expressions of every kind the language has; mutations of them reach the corners of the parser. */
  private static final List<String> SEEDS = List.of(
      "close > sma(close, 20)",
      "crossover(sma(close,5), sma(close,20)) and volume > 1000",
      "bollinger(close, 20, 2).upper - bollinger(close,20,2).lower",
      "macd(close,12,26,9).signal < macd(close, 12, 26, 9).macd",
      "rsi(close, 14) < 30 or not (close[1] >= highest(high, 10))",
      "change(close, 5) * abs(min(open, close) - max(high, low, 3)) / 2.5e0",
      "atr(14) > stddev(close, 10) and stoch(14,3,3).k > stochrsi(close,14,5,3).d",
      "crossunder(ema(close, 12), dema(close, 26))[2] or (lowest(low, 3) == low)",
      "-(-close)[3] <= sar(0.02, 0.2) + ichimoku(9, 26, 52).kijun + keltner(20, 2).middle",
      "sma(rsi(close, 14), 5) >= 50 and obv() > obv()[1] and vwap() > 0 and mfi(14) < 80");

  private static final List<String> TOKENS = List.of(
      "close", "open", "high", "low", "volume", "0", "1", "20", "2.5", "1e3", "-1", "5001", "99999999999999999999",
      "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "=", "!", "and", "or", "not", "(", ")", "[", "]", "[1]",
      "[-1]", "[5000]", ",", ".", ".upper", ".k", ".nope", "sma", "ema", "rsi", "macd", "bollinger", "atr", "crossover",
      "highest", "change", "abs", "min", "max", "foo", "true", "null", "#", "\n", " ", "\t", "é", "\u0000", "\"", "'",
      "1.", ".5", "NaN", "Infinity", "e", "sma(close,", "))))");

  @BeforeContainer
  static void start() {
    var config = TestNode.config(DB);
    config.getJsonObject("gateway").put("rate_limit", new JsonObject().put("enabled", false));
    node = TestNode.start(config, ServiceName.STORAGE, ServiceName.ANALYSIS);
    token = TestUsers.tokenFor(node, "operator");
    JsonArray rows = new JsonArray();
    LocalDate d = LocalDate.parse("2024-01-01");
    for (int i = 0; i < 120; i++, d = d.plusDays(1)) {
      double close = 50 + 5 * Math.sin(i / 4.0) + i * 0.1;
      rows.add(new JsonObject().put("symbol", "EXPR").put("date", d.toString()).put("open", close - 0.3)
          .put("high", close + 1).put("low", close - 1).put("close", close).put("volume", 900 + 10 * i));
    }
    HttpResponse<Buffer> ingest = node.post("/api/v1/prices:batch", token, new JsonObject().put("source", "test")
        .put("interval", "daily").put("rows", rows));
    assertThat(ingest.statusCode()).as(ingest.bodyAsString()).isEqualTo(200);
  }

  @AfterContainer
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.chars().map(String::valueOf));
    Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> once = Combinators.combine(seed, where, where, piece, Arbitraries.integers().between(0, 3))
        .as(CustomExpressionRestTest::mutate);
    // mutations of mutations, and two seeds glued by an operator
    return Arbitraries.oneOf(once,
        Combinators.combine(once, where, where, piece, Arbitraries.integers().between(0, 3)).as(CustomExpressionRestTest::mutate),
        Combinators.combine(seed, Arbitraries.of(" and ", " + ", " ", ", ", ")("), seed).as((a, op, b) -> a + op + b));
  }

  /** Deletes, replaces, inserts before or duplicates the text between two points of {@code text}. */
  private static String mutate(String text, double from, double to, String piece, int kind) {
    int a = (int) (Math.min(from, to) * text.length());
    int b = (int) (Math.max(from, to) * text.length());
    return switch (kind) {
      case 0 -> text.substring(0, a) + text.substring(b);
      case 1 -> text.substring(0, a) + piece + text.substring(b);
      case 2 -> text.substring(0, a) + piece + text.substring(a);
      default -> text.substring(0, b) + text.substring(a, b) + text.substring(b);
    };
  }

  @Provide
  Arbitrary<String> random() {
    return Arbitraries.oneOf(
        Arbitraries.of(TOKENS).list().ofMaxSize(30).map(tokens -> String.join("", tokens)),
        Arbitraries.of(TOKENS).list().ofMaxSize(30).map(tokens -> String.join(" ", tokens)),
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars("()[],.+-*/<>=!0123456789 closesma").ofMinLength(1).ofMaxLength(2_100));
  }

  @Property(tries = 400)
  void mutatedExpressionsAreAnswersOrValidationErrors(@ForAll("mutated") String expression) {
    Statistics.collect(check(expression));
  }

  @Property(tries = 300)
  void randomStringsAreAnswersOrValidationErrors(@ForAll("random") String expression) {
    Statistics.collect(check(expression));
  }

  @Property(tries = 50)
  void seedsAreAnswers(@ForAll("seeds") String expression) {
    assertThat(check(expression)).as(expression).isEqualTo(200);
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  private static int check(String expression) {
    long sent = System.nanoTime();
    HttpResponse<Buffer> response = node.post("/api/v1/analysis/custom", token, new JsonObject().put("symbol", "EXPR")
        .put("start_date", "2024-02-01").put("end_date", "2024-04-29").put("expression", expression));
    long tookMs = (System.nanoTime() - sent) / 1_000_000;
    String shown = response.statusCode() + " " + response.bodyAsString() + " for " + new JsonObject().put("e", expression).encode();
    assertThat(response.statusCode()).as(shown).isIn(200, 400);
    assertThat(tookMs).as("answer time of " + shown).isLessThan(SLOW_MS);
    JsonObject body = response.bodyAsJsonObject();
    if (response.statusCode() == 200) {
      assertThat(body.getString("status")).as(shown).isEqualTo("success");
      JsonObject data = body.getJsonObject("data");
      assertThat(data.getJsonArray("values")).as(shown).hasSize(data.getJsonArray("dates").size());
    } else {
      assertThat(body.getString("status")).as(shown).isEqualTo("error");
      JsonObject error = body.getJsonObject("error");
      assertThat(error.getString("code")).as(shown).isEqualTo("VALIDATION_ERROR");
      assertThat(error.getString("message")).as(shown).isNotBlank();
    }
    return response.statusCode();
  }
}
