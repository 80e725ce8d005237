package io.ndc.analysis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.analysis.indicators.Bars;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ExpressionProperties {

  private static final Bars BARS = TestBars.wave(80);
  private static final ExpressionGenerators ALL = new ExpressionGenerators(true);
  private static final ExpressionGenerators EXACT = new ExpressionGenerators(false);

  @Provide
  Arbitrary<String> numbers() {
    return ALL.number(3);
  }

  @Provide
  Arbitrary<String> booleans() {
    return ALL.bool(3);
  }

  @Provide
  Arbitrary<String> exactNumbers() {
    return EXACT.number(3);
  }

  @Property
  void wellFormedNumbersParseEvaluateAndRoundTrip(@ForAll("numbers") String text) {
    checkRoundTrip(text, ValueType.NUMBER);
  }

  @Property
  void wellFormedBooleansParseEvaluateAndRoundTrip(@ForAll("booleans") String text) {
    checkRoundTrip(text, ValueType.BOOLEAN);
  }

  /** Parses, has the generated type, and its canonical print parses to the same print and the same values. */
  private static void checkRoundTrip(String text, ValueType type) {
    Expression expression = Expression.parse(text);
    assertThat(expression.type()).isEqualTo(type);
    Expression again = Expression.parse(expression.toString());
    assertThat(again.toString()).isEqualTo(expression.toString());
    assertThat(again.lookback()).isEqualTo(expression.lookback());
    assertThat(values(again.evaluate(BARS))).isEqualTo(values(expression.evaluate(BARS))).hasSize(BARS.size());
  }

  /** Without indicators (which remember all history) the last value needs exactly look-back earlier bars. */
  @Property
  void lookbackBarsDetermineTheLastValue(@ForAll("exactNumbers") String text) {
    Expression expression = Expression.parse(text);
    Series full = expression.evaluate(BARS);
    Series tail = expression.evaluate(TestBars.tail(BARS, Math.min(BARS.size(), expression.lookback() + 1)));
    assertThat(tail.last()).isEqualTo(full.last());
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> token = Arbitraries.of(
        "close", "open", "volume", "1", "20", "2.5", "1e3", "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "=",
        "and", "or", "not", "(", ")", "[", "]", "[1]", ",", ".", ".upper", ".value", "sma", "ema", "bollinger",
        "crossover", "highest", "change", "abs", "min", "max", "foo", "#", "\n", " ", "\t", "é", "1.", "9999999999");
    return Arbitraries.oneOf(
        token.list().ofMaxSize(25).map(tokens -> String.join("", tokens)),
        token.list().ofMaxSize(25).map(tokens -> String.join(" ", tokens)),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Property(tries = 2_000)
  void garbageIsAnExpressionOrAnExpressionExceptionWithAPositionInTheText(@ForAll("garbage") String text) {
    Expression expression;
    try {
      expression = Expression.parse(text);
    } catch (ExpressionException e) {
      List<String> lines = Arrays.asList(text.split("\n", -1));
      assertThat(e.line()).isBetween(1, lines.size());
      assertThat(e.column()).isBetween(1, lines.get(e.line() - 1).length() + 1);
      assertThat(e.getMessage()).endsWith(" at " + e.line() + ":" + e.column());
      return;
    }
    assertThat(expression.evaluate(BARS).size()).isEqualTo(BARS.size());
  }

  @Property
  void deepNestingHitsTheNodeLimitNotTheStack(
      @ForAll @IntRange(min = 0, max = 1_000) int extra, @ForAll("nesting") String[] wrapper) {
    int widest = (2_000 - "close".length()) / (wrapper[0].length() + wrapper[1].length());
    int depth = 257 + extra % (widest - 256);
    String text = wrapper[0].repeat(depth) + "close" + wrapper[1].repeat(depth);
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression has more than 256 syntax nodes at 1:");
  }

  @Provide
  Arbitrary<String[]> nesting() {
    return Arbitraries.of(
        new String[] {"(", ")"}, new String[] {"-", ""}, new String[] {"not ", ""}, new String[] {"abs(", ")"},
        new String[] {"(", ")[1]"}, new String[] {"1+", ""});
  }

  @Property
  void textOverTheLengthLimitIsRefused(@ForAll @IntRange(min = 2_001, max = 20_000) int length) {
    String text = "close + " + "1".repeat(length - 8);
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expression is " + length + " characters, the limit is 2000 at 1:2001");
  }

  private static List<Object> values(Series series) {
    Object[] values = new Object[series.size()];
    Arrays.setAll(values, series::valueAt);
    return Arrays.asList(values);
  }

}
