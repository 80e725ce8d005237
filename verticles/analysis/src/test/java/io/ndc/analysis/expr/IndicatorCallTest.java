package io.ndc.analysis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.indicators.IndicatorCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Indicator calls give exactly what {@link IndicatorCatalog#compute} gives for the same spec and series. */
class IndicatorCallTest {

  private static final Bars BARS = TestBars.wave(250);

  private static double[] numbers(String text) {
    return ((NumberSeries) Expression.parse(text).evaluate(BARS)).values();
  }

  private static double[] catalog(String spec, double[] source) {
    return IndicatorCatalog.compute(IndicatorCatalog.parse(spec), source).get("value");
  }

  private static double[] catalog(String spec, String line) {
    return IndicatorCatalog.compute(IndicatorCatalog.parse(spec), BARS).get(line);
  }

  private static int firstValue(double[] values) {
    return IntStream.range(0, values.length).filter(i -> !Double.isNaN(values[i])).findFirst().orElse(-1);
  }

  @ParameterizedTest(name = "{0} = {1} over {2}")
  @CsvSource({
      "'sma(close, 20)', sma:20, close",
      "'ema(close, 10)', ema:10, close",
      "'wma(volume, 7)', wma:7, volume",
      "'dema(high, 5)', dema:5, high",
      "'tema(low, 4)', tema:4, low",
      "'rsi(close, 14)', rsi:14, close",
      "'stddev(open, 9)', stddev:9, open",
  })
  void singleSeriesIndicatorsOverAColumn(String expression, String spec, String column) {
    double[] source = ((NumberSeries) Expression.parse(column).evaluate(BARS)).values();
    assertThat(numbers(expression)).containsExactly(catalog(spec, source));
  }

  @Test
  void indicatorsOverADerivedSeries() {
    double[] range = new double[BARS.size()];
    Arrays.setAll(range, i -> BARS.high()[i] - BARS.low()[i]);
    assertThat(numbers("sma(high - low, 5)")).containsExactly(catalog("sma:5", range));
  }

  @Test
  void nestedIndicatorsSeedAfterTheInnerWarmUp() {
    double[] inner = catalog("sma:5", BARS.close());
    double[] nested = numbers("ema(sma(close, 5), 10)");
    assertThat(nested).containsExactly(catalog("ema:10", inner));
    assertThat(firstValue(nested)).isEqualTo(Expression.parse("ema(sma(close, 5), 10)").lookback()).isEqualTo(13);
  }

  @Test
  void historyOfAnIndicatorShiftsIt() {
    double[] sma = catalog("sma:20", BARS.close());
    double[] shifted = numbers("sma(close, 20)[1]");
    assertThat(shifted[0]).isNaN();
    assertThat(Arrays.copyOfRange(shifted, 1, shifted.length)).containsExactly(Arrays.copyOf(sma, sma.length - 1));
  }

  @Test
  void theSameCallTwiceIsOneComputationWithOneResult() {
    double[] zero = numbers("sma(close, 5) - sma(close,5)");
    assertThat(Arrays.stream(zero).skip(4)).containsOnly(0.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"sma(close, 20)", "ema(close, 12)", "tema(close, 5)", "dema(sma(close, 3), 4)", "sma(close[3], 6)"})
  void lookbackIsWhereTheFirstValueAppears(String text) {
    assertThat(firstValue(numbers(text))).isEqualTo(Expression.parse(text).lookback());
  }

  /** What the service relies on: fetching look-back bars before a bar is enough for its value. */
  @Test
  void lookbackBarsAreEnoughForTheLastValueOfAFiniteWindow() {
    Expression expression = Expression.parse("sma(close, 20) - sma(close[2], 10) + highest(sma(high, 3), 4)");
    int lookback = expression.lookback();
    assertThat(lookback).isEqualTo(19);
    Bars tail = TestBars.tail(BARS, lookback + 1);
    double full = (Double) expression.evaluate(BARS).last();
    assertThat((Double) expression.evaluate(tail).last()).isCloseTo(full, within(1e-9));
    assertThat(expression.evaluate(TestBars.tail(BARS, lookback)).last()).isNull();
  }

  /** Lines of multi-line indicators, and indicators that take the whole bar, as the catalog computes them over the bars. */
  @ParameterizedTest(name = "{0} = {1}.{2}")
  @CsvSource({
      "'bollinger(close, 20, 2).upper', bollinger:20:2, upper",
      "'bollinger(close, 20, 2).lower', bollinger:20:2, lower",
      "'macd(close, 12, 26, 9).signal', macd:12:26:9, signal",
      "'macd(close, 12, 26, 9).histogram', macd:12:26:9, histogram",
      "'atr(14)', atr:14, value",
      "'obv()', obv, value",
      "'stoch(14, 3, 3).k', stoch:14:3:3, k",
      "'sar(0.02, 0.2)', sar:0.02:0.2, value",
      "'dmi(14).minus_di', dmi:14, minus_di",
      "'keltner(20, 2).upper', keltner:20:2, upper",
      "'ichimoku(9, 26, 52).kijun', ichimoku:9:26:52, kijun",
  })
  void indicatorLinesAreTheCatalogsOverTheBars(String expression, String spec, String line) {
    assertThat(numbers(expression)).containsExactly(catalog(spec, line));
  }

  /** Every catalog indicator is callable: without its parameters it says which ones it takes, by name. */
  @Test
  void everyCatalogIndicatorIsAFunctionThatNamesItsParameters() {
    for (String name : IndicatorCatalog.names()) {
      List<String> params = IndicatorCatalog.parameters(name);
      boolean takesBars = IndicatorCatalog.takesBars(name);
      String call = name + (takesBars ? "()" : "(close)");
      if (params.isEmpty()) {
        assertThat(Expression.parse(call).evaluate(BARS).size()).as(call).isEqualTo(BARS.size());
        continue;
      }
      assertThatThrownBy(() -> Expression.parse(call))
          .as(call)
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("'" + name + "' takes ")
          .hasMessageContaining(String.join(", ", params))
          .hasMessageEndingWith(" at 1:1");
    }
  }

}
