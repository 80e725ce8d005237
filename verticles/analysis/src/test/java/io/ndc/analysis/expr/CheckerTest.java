package io.ndc.analysis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckerTest {

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "close|NUMBER",
      "-close + 2 * open / 3|NUMBER",
      "close > open|BOOLEAN",
      "close > open and not volume < 5 or high == low|BOOLEAN",
      "(close > open)[2]|BOOLEAN",
      "crossover(close, open)|BOOLEAN",
      "crossunder(close, open)|BOOLEAN",
      "highest(high, 10) - lowest(low, 10)|NUMBER",
      "change(close, 5)|NUMBER",
      "abs(close - open)|NUMBER",
      "min(open, close) + max(open, close, 3)|NUMBER",
      "sma(close, 20)|NUMBER",
      "sma(close, 20)[1] < close|BOOLEAN",
      "bollinger(close, 20, 2).upper|NUMBER",
      "macd(close, 12, 26, 9).signal|NUMBER",
      "atr(14) > 2|BOOLEAN",
  })
  void infersTheType(String text, ValueType type) {
    assertThat(Expression.parse(text).type()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "close and 3|'and' needs a boolean, found a number at 1:1",
      "close > 1 and 3|'and' needs a boolean, found a number at 1:15",
      "close > 1 or volume|'or' needs a boolean, found a number at 1:14",
      "not close|'not' needs a boolean, found a number at 1:5",
      "close + (open > 1)|'+' needs a number, found a boolean at 1:10",
      "-(close > open)|'-' needs a number, found a boolean at 1:3",
      "(close > open) < 1|'<' needs a number, found a boolean at 1:2",
      "crossover(close > 1, open)|'crossover' needs a number, found a boolean at 1:11",
      "abs(close < open)|'abs' needs a number, found a boolean at 1:5",
      "sma(close > open, 5)|'sma' needs a number, found a boolean at 1:5",
      "clos > 1|unknown series 'clos' (series are open, high, low, close, volume) at 1:1",
      "sma|'sma' is a function, call it: sma(...) at 1:1",
      "abs + 1|'abs' is a function, call it: abs(...) at 1:1",
      "smaa(close, 20)|unknown function 'smaa' at 1:1",
      "close + foo(1)|unknown function 'foo' at 1:9",
      "crossover(close)|'crossover' takes 2 arguments: crossover(a, b) at 1:1",
      "abs(close, open)|'abs' takes 1 argument: abs(x) at 1:1",
      "min(close)|'min' takes 2 or more arguments: min(a, b, ...) at 1:1",
      "highest(close, 0)|the second argument of 'highest' is a whole number of bars from 1 to 5001 at 1:16",
      "lowest(close, 2.5)|the second argument of 'lowest' is a whole number of bars from 1 to 5001 at 1:15",
      "change(close, open)|the second argument of 'change' is a whole number of bars from 1 to 5001 at 1:15",
      "highest(close, 9999999999)|the second argument of 'highest' is a whole number of bars from 1 to 5001 at 1:16",
      "sma(close, 20).upper|'sma' has a single line, '.upper' does not apply at 1:16",
      "bollinger(close, 20, 2).top|'bollinger' has no line 'top' (upper, middle, lower) at 1:25",
      "bollinger(close, 20, 2) > close|'bollinger' has several lines (upper, middle, lower), pick one: bollinger(...).upper at 1:1",
      "bollinger(close, 20, 2)[1].upper|'bollinger' has several lines (upper, middle, lower), pick one: bollinger(...).upper at 1:1",
      "close.upper|'.upper' picks a line of an indicator, e.g. bollinger(close, 20, 2).upper at 1:7",
      "abs(close).value|'.value' picks a line of an indicator, e.g. bollinger(close, 20, 2).upper at 1:12",
      "sma(14)|'sma' takes a series first, e.g. sma(close, ...) at 1:1",
      "ema()|'ema' takes a series first, e.g. ema(close, ...) at 1:1",
      "sma(close)|'sma' takes a series and 1 parameter (period): sma(series, period) at 1:1",
      "ema(close, 1, 2)|'ema' takes a series and 1 parameter (period): ema(series, period) at 1:1",
      "rsi(close)|'rsi' takes a series and 1 parameter (period): rsi(series, period) at 1:1",
      "atr()|'atr' takes 1 parameter (period): atr(period) at 1:1",
      "obv(1)|'obv' takes no parameters: obv() at 1:1",
      "sma(close, 1)|bad parameter for 'sma:1': period must be a whole number 2..5000 at 1:1",
      "sma(close, 2.5)|bad parameter for 'sma:2.5': period must be a whole number 2..5000 at 1:1",
      "sma(close, 1e3)|bad parameter for 'sma:1e3': '1e3' is not a number at 1:1",
      "sma(close, open)|parameters of 'sma' are numbers written out, e.g. sma(close, 14) at 1:12",
      "atr(close, 14)|'atr' is computed from the whole bar and takes only numbers: atr(...) at 1:5",
      "1e999 + close|number 1e999 is out of range at 1:1",
      "1 < close < 3|comparisons do not chain, join them with 'and' at 1:11",
      "sma(close,20).upper|'sma' has a single line, '.upper' does not apply at 1:15",
      "dmi(14).plus|'dmi' has no line 'plus' (plus_di, minus_di) at 1:9",
  })
  void reportsTypeErrorsWithPosition(String text, String message) {
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "close|0",
      "42|0",
      "close[1]|1",
      "close[3] + open[5]|5",
      "(close[2] > open)[3]|5",
      "crossover(close, open)|1",
      "crossover(close[2], open)|3",
      "highest(high, 10)|9",
      "lowest(low[1], 10)|10",
      "change(close, 5)|5",
      "change(close[1], 5)[2]|8",
      "abs(close[4])|4",
      "min(close[1], open[7], 3)|7",
      "not close[2] > 1 or volume[3] > 1|3",
      "sma(close, 20)|19",
      "sma(close, 20)[1]|20",
      "sma(close[5], 20)|24",
      "sma(change(close, 1), 10)|10",
  })
  void computesTheLookbackStatically(String text, int lookback) {
    assertThat(Expression.parse(text).lookback()).isEqualTo(lookback);
  }

  @Test
  void refusesExpressionsNeedingMoreHistoryThanTheLimit() {
    assertThat(Expression.parse("close[5000]").lookback()).isEqualTo(5_000);
    assertThat(Expression.parse("highest(close, 5001)").lookback()).isEqualTo(5_000);
    assertThatThrownBy(() -> Expression.parse("close > 1 and close[4000][1001] > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expression needs 5001 bars of history, the limit is 5000 at 1:15");
    assertThatThrownBy(() -> Expression.parse("sma(close[2], 5000)"))
        .hasMessage("expression needs 5001 bars of history, the limit is 5000 at 1:1");
    assertThatThrownBy(() -> Expression.parse("change(close[4000], 1001)"))
        .hasMessage("expression needs 5001 bars of history, the limit is 5000 at 1:1");
    ExpressionLimits small = new ExpressionLimits(2_000, 256, 10);
    assertThatThrownBy(() -> Expression.parse("crossover(close[5], open[10])", small))
        .hasMessage("expression needs 11 bars of history, the limit is 10 at 1:1");
  }

  /** Composed functions read their operand twice; checking must stay linear however deep they nest. */
  @Test
  @Timeout(10)
  void deeplyNestedComposedFunctionsCheckAndEvaluateQuickly() {
    String changes = "change(".repeat(80) + "close" + ", 1)".repeat(80);
    assertThat(Expression.parse(changes).lookback()).isEqualTo(80);
    String crossings = "crossover(close, 1) and ".repeat(30) + "crossover(" + "change(".repeat(40) + "close" + ", 1)".repeat(40) + ", 0)";
    assertThat(Expression.parse(crossings).evaluate(TestBars.wave(100)).size()).isEqualTo(100);
    Series nested = Expression.parse(changes).evaluate(TestBars.wave(100));
    assertThat(nested.valueAt(79)).isNull();
    assertThat(nested.valueAt(80)).isNotNull();
  }

  @Test
  void limitsMustBeSensible() {
    assertThatThrownBy(() -> new ExpressionLimits(0, 256, 5_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExpressionLimits(2_000, 0, 5_000)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ExpressionLimits.DEFAULTS).isEqualTo(new ExpressionLimits(2_000, 256, 5_000));
  }

  /** The examples of docs/analysis.md, "Expressions". */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "close > sma(close, 200) and rsi(close, 14) < 30|BOOLEAN|199",
      "crossover(macd(close,12,26,9).macd, macd(close,12,26,9).signal)|BOOLEAN|34",
      "close > bollinger(close, 20, 2).upper and volume > 2 * sma(volume, 20)|BOOLEAN|19",
      "change(close, 5) > 10|BOOLEAN|5",
      "close >= highest(high, 52) and atr(14) / close < 0.03|BOOLEAN|51",
      "(high - low) / close * 100|NUMBER|0",
      "dmi(14).plus_di > dmi(14).minus_di and stoch(14,3,3).k < 20 and sar(0.02, 0.2) < close and obv() > 0|BOOLEAN|17",
  })
  void documentedExamples(String text, ValueType type, int lookback) {
    Expression expression = Expression.parse(text);
    assertThat(expression.type()).isEqualTo(type);
    assertThat(expression.lookback()).isEqualTo(lookback);
  }

  @Test
  void printsTheCanonicalForm() {
    assertThat(Expression.parse("  crossover( sma(close,5),sma(close , 20))and(volume>1e3)").toString())
        .isEqualTo("crossover(sma(close, 5), sma(close, 20)) and volume > 1e3");
  }
}
