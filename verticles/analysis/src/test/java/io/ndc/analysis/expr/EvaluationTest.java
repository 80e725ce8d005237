package io.ndc.analysis.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.analysis.indicators.Bars;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationTest {

  private static final Bars BARS = TestBars.closes(1, 3, 2, 5, 4);
  private static final Double N = null;

  /** Values as JSON would write them: Double, Boolean or null. */
  private static List<Object> values(String text, Bars bars) {
    Series series = Expression.parse(text).evaluate(bars);
    Object[] values = new Object[series.size()];
    Arrays.setAll(values, series::valueAt);
    return Arrays.asList(values);
  }

  private static List<Object> values(String text) {
    return values(text, BARS);
  }

  private static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void arithmetic() {
    assertThat(values("close + 1")).isEqualTo(list(2.0, 4.0, 3.0, 6.0, 5.0));
    assertThat(values("2 * close - 1")).isEqualTo(list(1.0, 5.0, 3.0, 9.0, 7.0));
    assertThat(values("1 + 2 * 3")).isEqualTo(list(7.0, 7.0, 7.0, 7.0, 7.0));
    assertThat(values("-close + 10")).isEqualTo(list(9.0, 7.0, 8.0, 5.0, 6.0));
    assertThat(values("12 / close / 2")).isEqualTo(list(6.0, 2.0, 3.0, 1.2, 1.5));
  }

  @Test
  void divisionByZeroIsNull() {
    assertThat(values("close / (close - 2)")).isEqualTo(list(-1.0, 3.0, N, 5.0 / 3, 2.0));
    assertThat(values("(close - close) / (close - close)")).isEqualTo(list(N, N, N, N, N));
  }

  @Test
  void readsEveryColumn() {
    Bars bars = TestBars.of(
        new double[] {10, 11}, new double[] {13, 14}, new double[] {9, 8}, new double[] {12, 10}, new double[] {500, 700});
    assertThat(values("open", bars)).isEqualTo(list(10.0, 11.0));
    assertThat(values("high - low", bars)).isEqualTo(list(4.0, 6.0));
    assertThat(values("close", bars)).isEqualTo(list(12.0, 10.0));
    assertThat(values("volume / 100", bars)).isEqualTo(list(5.0, 7.0));
  }

  @Test
  void historyShiftsAndStartsWithNull() {
    assertThat(values("close[0]")).isEqualTo(list(1.0, 3.0, 2.0, 5.0, 4.0));
    assertThat(values("close[1]")).isEqualTo(list(N, 1.0, 3.0, 2.0, 5.0));
    assertThat(values("close - close[1]")).isEqualTo(list(N, 2.0, -1.0, 3.0, -1.0));
    assertThat(values("(close - close[1])[2]")).isEqualTo(list(N, N, N, 2.0, -1.0));
    assertThat(values("close[7]")).isEqualTo(list(N, N, N, N, N));
    assertThat(values("(close > 2)[1]")).isEqualTo(list(N, false, true, false, true));
  }

  @Test
  void comparisons() {
    assertThat(values("close > 2")).isEqualTo(list(false, true, false, true, true));
    assertThat(values("close >= 3")).isEqualTo(list(false, true, false, true, true));
    assertThat(values("close < 3")).isEqualTo(list(true, false, true, false, false));
    assertThat(values("close <= 3")).isEqualTo(list(true, true, true, false, false));
    assertThat(values("close == 2")).isEqualTo(list(false, false, true, false, false));
    assertThat(values("close != 2")).isEqualTo(list(true, true, false, true, true));
  }

  @Test
  void comparisonsWithNullAreNullNeverTrue() {
    assertThat(values("close[1] > 2")).isEqualTo(list(null, false, true, false, true));
    assertThat(values("close[1] != close")).first().isNull();
    assertThat(values("close[1] == close[1]")).first().isNull();
    assertThat(values("close / 0 < 1")).isEqualTo(list(null, null, null, null, null));
  }

  /** T, F and N as expressions: true, false, and null (nine bars back in a five-bar series). */
  @ParameterizedTest(name = "{0} {1} {2} = {3}")
  @CsvSource({
      "T, and, T, T", "T, and, F, F", "T, and, N, N",
      "F, and, T, F", "F, and, F, F", "F, and, N, F",
      "N, and, T, N", "N, and, F, F", "N, and, N, N",
      "T, or, T, T", "T, or, F, T", "T, or, N, T",
      "F, or, T, T", "F, or, F, F", "F, or, N, N",
      "N, or, T, T", "N, or, F, N", "N, or, N, N",
  })
  void andOrFollowKleeneLogic(String a, String operator, String b, String result) {
    assertThat(values(truth(a) + " " + operator + " " + truth(b)).get(4)).isEqualTo(value(result));
  }

  @Test
  void notKeepsNull() {
    assertThat(values("not " + truth("T")).get(4)).isEqualTo(false);
    assertThat(values("not " + truth("F")).get(4)).isEqualTo(true);
    assertThat(values("not " + truth("N")).get(4)).isNull();
    assertThat(values("not close[1] > 2")).isEqualTo(list(null, true, false, true, false));
  }

  private static String truth(String name) {
    return switch (name) {
      case "T" -> "(1 < 2)";
      case "F" -> "(1 > 2)";
      default -> "(close[9] > 0)";
    };
  }

  private static Boolean value(String name) {
    return name.equals("N") ? null : name.equals("T");
  }

  @Test
  void crossoverAndCrossunder() {
    // close 1 3 2 5 4 against 2.5: above F T F T T
    assertThat(values("crossover(close, 2.5)")).isEqualTo(list(false, true, false, true, false));
    assertThat(values("crossunder(close, 2.5)")).isEqualTo(list(null, false, true, false, false));
    // touching counts as "not above" before: 1 2 3 against 2 crosses at the third bar only
    assertThat(values("crossover(close, 2)", TestBars.closes(1, 2, 3))).isEqualTo(list(false, false, true));
    assertThat(values("crossunder(close, 2)", TestBars.closes(3, 2, 1))).isEqualTo(list(false, false, true));
    // a null on the previous bar leaves a crossing unknown, a null now leaves it unknown too
    assertThat(values("crossover(close, close[1])")).isEqualTo(list(null, null, false, true, false));
  }

  @Test
  void rollingHighestAndLowest() {
    assertThat(values("highest(close, 3)")).isEqualTo(list(N, N, 3.0, 5.0, 5.0));
    assertThat(values("lowest(close, 3)")).isEqualTo(list(N, N, 1.0, 2.0, 2.0));
    assertThat(values("highest(close, 1)")).isEqualTo(list(1.0, 3.0, 2.0, 5.0, 4.0));
    assertThat(values("highest(close[1], 2)")).isEqualTo(list(N, N, 3.0, 3.0, 5.0));
    assertThat(values("lowest(close, 6)")).isEqualTo(list(N, N, N, N, N));
    // a null inside the window makes the window null until it has passed
    assertThat(values("highest(close / (close - 2), 2)")).isEqualTo(list(N, 3.0, N, N, 2.0));
  }

  @Test
  void rollingExtremesMatchABruteForceWindowOnALongSeries() {
    Bars bars = TestBars.wave(300);
    double[] highest = ((NumberSeries) Expression.parse("highest(close, 17)").evaluate(bars)).values();
    double[] lowest = ((NumberSeries) Expression.parse("lowest(low, 5)").evaluate(bars)).values();
    for (int i = 0; i < bars.size(); i++) {
      double[] window = Arrays.copyOfRange(bars.close(), Math.max(0, i - 16), i + 1);
      double[] lows = Arrays.copyOfRange(bars.low(), Math.max(0, i - 4), i + 1);
      // compared as objects, so that NaN equals NaN
      assertThat((Object) highest[i]).isEqualTo(i < 16 ? Double.NaN : Arrays.stream(window).max().orElseThrow());
      assertThat((Object) lowest[i]).isEqualTo(i < 4 ? Double.NaN : Arrays.stream(lows).min().orElseThrow());
    }
  }

  @Test
  void percentChange() {
    assertThat(values("change(close, 2)")).isEqualTo(list(N, N, 100.0, (5 - 3) / 3.0 * 100, 100.0));
    assertThat(values("change(close, 1)", TestBars.closes(0, 1, 2))).isEqualTo(list(N, N, 100.0));
  }

  @Test
  void absMinMax() {
    assertThat(values("abs(close - 3)")).isEqualTo(list(2.0, 0.0, 1.0, 2.0, 1.0));
    assertThat(values("max(close, 3)")).isEqualTo(list(3.0, 3.0, 3.0, 5.0, 4.0));
    assertThat(values("min(close, 2.5, close[1])")).isEqualTo(list(N, 1.0, 2.0, 2.0, 2.5));
  }

  @Test
  void resultsAreTypedSeriesAsLongAsTheBars() {
    Series number = Expression.parse("close * 2").evaluate(BARS);
    assertThat(number).isInstanceOf(NumberSeries.class);
    assertThat(number.type()).isEqualTo(ValueType.NUMBER);
    assertThat(number.last()).isEqualTo(8.0);
    assertThat(((NumberSeries) number).isNull(0)).isFalse();
    Series bool = Expression.parse("close[1] > 2").evaluate(BARS);
    assertThat(bool).isInstanceOf(BooleanSeries.class);
    assertThat(((BooleanSeries) bool).values()).containsExactly(
        BooleanSeries.NULL, BooleanSeries.FALSE, BooleanSeries.TRUE, BooleanSeries.FALSE, BooleanSeries.TRUE);
    assertThat(((BooleanSeries) bool).isTrue(0)).isFalse();
    assertThat(bool.last()).isEqualTo(true);
    assertThat(Expression.parse("close > 2").valueAt(BARS, 1)).isEqualTo(true);
  }

  @Test
  void noBarsGiveEmptySeries() {
    Bars none = TestBars.closes();
    assertThat(Expression.parse("crossover(close, sma(close, 3)) and change(close, 2) > 1").evaluate(none).size()).isZero();
    assertThat(Expression.parse("highest(close[3], 2)").evaluate(none).last()).isNull();
  }

  @Test
  void evaluationLeavesTheBarsAloneAndRepeats() {
    Expression expression = Expression.parse("close");
    NumberSeries first = (NumberSeries) expression.evaluate(BARS);
    first.values()[0] = 99;
    assertThat(BARS.close()[0]).isEqualTo(1.0);
    assertThat(expression.evaluate(BARS).valueAt(0)).isEqualTo(1.0);
  }
}
