package io.ndc.analysis.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorCatalogTest {

  @Test
  void parsesNameParamsAndKeyWithParamsAsWritten() {
    assertThat(IndicatorCatalog.parse("bollinger:20:2"))
        .isEqualTo(new IndicatorSpec("bollinger", List.of(20.0, 2.0), "bollinger_20_2"));
    assertThat(IndicatorCatalog.parse("sar:0.02:0.2"))
        .isEqualTo(new IndicatorSpec("sar", List.of(0.02, 0.2), "sar_0.02_0.2"));
    assertThat(IndicatorCatalog.parse("bollinger:20:2.0").key()).isEqualTo("bollinger_20_2.0");
    assertThat(IndicatorCatalog.parse(" MACD:12:26:9 ").key()).isEqualTo("macd_12_26_9");
  }

  @Test
  void noParamsMeansDefaultsAndTheBareNameAsKey() {
    IndicatorSpec rsi = IndicatorCatalog.parse("rsi");
    assertThat(rsi).isEqualTo(new IndicatorSpec("rsi", List.of(), "rsi"));
    assertThat(IndicatorCatalog.lookback(rsi)).isEqualTo(14);
    assertThat(IndicatorCatalog.lookback(IndicatorCatalog.parse("macd"))).isEqualTo(33);
    Bars bars = Series.randomWalk(1, 100);
    assertThat(IndicatorCatalog.compute(rsi, bars).get("value"))
        .containsExactly(IndicatorCatalog.compute(IndicatorCatalog.parse("rsi:14"), bars).get("value"));
    assertThat(IndicatorCatalog.parse("obv").key()).isEqualTo("obv");
  }

  @Test
  void parsesLists() {
    assertThat(IndicatorCatalog.parseList("sma:20, rsi:14,obv"))
        .extracting(IndicatorSpec::key)
        .containsExactly("sma_20", "rsi_14", "obv");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo:3           | unknown indicator 'foo'",
      "''              | unknown indicator ''",
      "rsi:0           | bad parameter for 'rsi:0': period must be a whole number 2..5000",
      "rsi:14.5        | bad parameter for 'rsi:14.5': period must be a whole number 2..5000",
      "sma:5001        | bad parameter for 'sma:5001': period must be a whole number 2..5000",
      "sma:            | bad parameter for 'sma:': '' is not a number",
      "sma:1e3         | bad parameter for 'sma:1e3': '1e3' is not a number",
      "sma:NaN         | bad parameter for 'sma:NaN': 'NaN' is not a number",
      "macd:12:26      | bad parameter for 'macd:12:26': expected 3 parameters (fast period:slow period:signal period)",
      "obv:3           | bad parameter for 'obv:3': expected no parameters",
      "bollinger:20:-1 | bad parameter for 'bollinger:20:-1': std devs must be 0..100",
      "sar:0.02:2      | bad parameter for 'sar:0.02:2': maximum must be 0..1",
      "dmi:1           | bad parameter for 'dmi:1': period must be a whole number 2..5000",
  })
  void refusesWithAMessageNamingTheSpec(String text, String message) {
    assertThatThrownBy(() -> IndicatorCatalog.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void refusesAnEmptyItemInAList() {
    assertThatThrownBy(() -> IndicatorCatalog.parseList("sma:20,,rsi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty indicator in 'sma:20,,rsi'");
  }

  @Test
  void checksHandMadeSpecsToo() {
    assertThat(IndicatorCatalog.spec("bollinger", List.of(20.0, 2.5)))
        .isEqualTo(new IndicatorSpec("bollinger", List.of(20.0, 2.5), "bollinger_20_2.5"));
    assertThatThrownBy(() -> IndicatorCatalog.compute(new IndicatorSpec("rsi", List.of(1.0), "rsi_1"), new double[3]))
        .hasMessage("bad parameter for 'rsi:1': period must be a whole number 2..5000");
  }

  @Test
  void linesAndInputsOfEveryIndicator() {
    assertThat(IndicatorCatalog.names()).containsExactly("sma", "ema", "wma", "dema", "tema", "rsi", "macd",
        "bollinger", "stoch", "stochrsi", "atr", "adx", "dmi", "cci", "willr", "mfi", "roc", "mom", "stddev", "obv",
        "vwap", "sar", "ichimoku", "donchian", "keltner");
    assertThat(IndicatorCatalog.lines("sma")).containsExactly("value");
    assertThat(IndicatorCatalog.lines("macd")).containsExactly("macd", "signal", "histogram");
    assertThat(IndicatorCatalog.lines("bollinger")).containsExactly("upper", "middle", "lower");
    assertThat(IndicatorCatalog.lines("stochrsi")).containsExactly("k", "d");
    assertThat(IndicatorCatalog.lines("dmi")).containsExactly("plus_di", "minus_di");
    assertThat(IndicatorCatalog.lines("ichimoku")).containsExactly("tenkan", "kijun", "senkou_a", "senkou_b", "chikou");
    assertThat(IndicatorCatalog.names().stream().filter(IndicatorCatalog::takesBars)).containsExactlyInAnyOrder(
        "atr", "adx", "dmi", "cci", "willr", "mfi", "obv", "vwap", "sar", "stoch", "ichimoku", "donchian", "keltner");
    assertThat(IndicatorCatalog.parameters("macd")).containsExactly("fast period", "slow period", "signal period");
  }

  @Test
  void barBasedIndicatorsNeedBars() {
    assertThatThrownBy(() -> IndicatorCatalog.compute(IndicatorCatalog.parse("atr:14"), new double[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'atr' needs bars, not a single series");
  }

  @Test
  void singleSeriesIndicatorsRunOnAnySeriesAndOnCloseOfBars() {
    Bars bars = Series.randomWalk(7, 60);
    IndicatorSpec spec = IndicatorCatalog.parse("bollinger:10:2");
    var overBars = IndicatorCatalog.compute(spec, bars);
    var overClose = IndicatorCatalog.compute(spec, bars.close());
    assertThat(overBars.keySet()).containsExactly("upper", "middle", "lower");
    for (String line : overBars.keySet()) {
      assertThat(overBars.get(line)).containsExactly(overClose.get(line));
    }
  }

  @Test
  void anIndicatorOfAnIndicatorStartsAfterTheInnerWarmUp() {
    double[] rsi = IndicatorCatalog.compute(IndicatorCatalog.parse("rsi:14"), Series.apple()).get("value");
    double[] smoothed = IndicatorCatalog.compute(IndicatorCatalog.parse("sma:5"), rsi).get("value");
    assertThat(Agreement.firstValue(smoothed)).isEqualTo(14 + 4);
    assertThat(smoothed[18]).isCloseTo((rsi[14] + rsi[15] + rsi[16] + rsi[17] + rsi[18]) / 5,
        within(1e-9));
  }
}
