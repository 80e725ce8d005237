package io.ndc.analysis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

  private static String canonical(String text) {
    return Parser.parse(text, ExpressionLimits.DEFAULTS).print();
  }

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "close|close",
      "1 + 2 * 3|1 + 2 * 3",
      "(1 + 2) * 3|(1 + 2) * 3",
      "1 - 2 - 3|1 - 2 - 3",
      "1 - (2 - 3)|1 - (2 - 3)",
      "((close))|close",
      "8 / 4 / 2|8 / 4 / 2",
      "8 / (4 * 2)|8 / (4 * 2)",
      "-close[1]|-close[1]",
      "(-close)[1]|(-close)[1]",
      "- -close|--close",
      "2 * -3|2 * -3",
      "close > open and close > 1 or volume > 2|close > open and close > 1 or volume > 2",
      "close > open and (close > 1 or volume > 2)|close > open and (close > 1 or volume > 2)",
      "not close > open|not close > open",
      "not (close > open)|not close > open",
      "(not close) > open|(not close) > open",
      "not not close < 1|not not close < 1",
      "a or b or c|a or b or c",
      "a or (b or c)|a or (b or c)",
      "close + 1 < open * 2|close + 1 < open * 2",
      "sma(close,20)[1]|sma(close, 20)[1]",
      "bollinger(close, 20, 2).upper[2]|bollinger(close, 20, 2).upper[2]",
      "obv()|obv()",
      "1.5e3 + 0.25|1.5e3 + 0.25",
      "close[0]|close[0]",
      "(close + 1).x|(close + 1).x",
  })
  void parsesWithPrecedenceAndPrintsCanonically(String text, String printed) {
    assertThat(canonical(text)).isEqualTo(printed);
    assertThat(canonical(printed)).isEqualTo(printed);
  }

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "sma(close,20|expected ')' at 1:13",
      "sma(close,20 + |expected an expression at 1:15",
      "(close|expected ')' at 1:7",
      "close)|unexpected ')' after the expression at 1:6",
      "''|expected an expression at 1:1",
      "close +|expected an expression at 1:8",
      "close = open|unexpected character '=', use '==' to compare at 1:7",
      "close > 1 && open|unexpected character '&', use 'and' at 1:11",
      "!close|unexpected character '!', use 'not' or '!=' at 1:1",
      "close # 1|unexpected character '#' at 1:7",
      "close[1.5]|a history index is a whole number of bars, not 1.5 at 1:7",
      "close[-1]|expected a history index such as [1] at 1:7",
      "close[x]|expected a history index such as [1] at 1:7",
      "close[1|expected ']' at 1:8",
      "close[6000]|history index 6000 is beyond the look-back limit of 5000 bars at 1:7",
      "close[99999999999999999999]|history index 99999999999999999999 is beyond the look-back limit of 5000 bars at 1:7",
      "bollinger(close,20,2).|expected a line name such as .upper at 1:23",
      "1 < 2 < 3|comparisons do not chain, join them with 'and' at 1:7",
      "1.|expected a digit after '.' at 1:3",
      "1e+|expected a digit in the exponent at 1:4",
      "sma(close,,20)|expected an expression at 1:11",
      "close open|unexpected 'open' after the expression at 1:7",
  })
  void reportsSyntaxErrorsWithPosition(String text, String message) {
    assertThatThrownBy(() -> canonical(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }

  @Test
  void errorCarriesLineAndColumnSeparately() {
    assertThatThrownBy(() -> canonical("close >\n\n   open +"))
        .isInstanceOfSatisfying(ExpressionException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(10);
          assertThat(e.reason()).isEqualTo("expected an expression");
          assertThat(e.getMessage()).isEqualTo("expected an expression at 3:10");
        });
  }

  @Test
  void refusesTextOverTheLengthLimitBeforeLexing() {
    String text = "close" + " ".repeat(1_996);
    assertThat(text).hasSize(2_001);
    assertThatThrownBy(() -> canonical(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expression is 2001 characters, the limit is 2000 at 1:2001");
    assertThat(canonical(text.substring(0, 2_000))).isEqualTo("close");
  }

  @Test
  void countsNodesIncludingParenthesesAndStopsAtTheLimit() {
    ExpressionLimits five = new ExpressionLimits(2_000, 5, 5_000);
    assertThat(Parser.parse("1 + 2 + 3", five).print()).isEqualTo("1 + 2 + 3");
    assertThatThrownBy(() -> Parser.parse("1 + 2 + 3 + 4", five))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expression has more than 5 syntax nodes at 1:11");
    assertThatThrownBy(() -> Parser.parse("(((((1)))))", five))
        .hasMessage("expression has more than 5 syntax nodes at 1:6");
  }

  @Test
  void deepNestingHitsTheNodeLimitNotTheStack() {
    assertThatThrownBy(() -> canonical("(".repeat(999) + "1" + ")".repeat(999)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression has more than 256 syntax nodes");
    assertThatThrownBy(() -> canonical("-".repeat(1_999) + "1"))
        .hasMessageStartingWith("expression has more than 256 syntax nodes");
    assertThatThrownBy(() -> canonical("not ".repeat(499) + "x"))
        .hasMessageStartingWith("expression has more than 256 syntax nodes");
    assertThatThrownBy(() -> canonical("abs(".repeat(399) + "1" + ")".repeat(399)))
        .hasMessageStartingWith("expression has more than 256 syntax nodes");
  }
}
