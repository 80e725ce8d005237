package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.TaLib.CORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every indicator TA-Lib defines equals TA-Lib's Java port (default settings) to 1e-6 relative, warm-up included,
 * over random walks of several lengths, bars with long flat spells, and a year of Apple's real daily bars.
 */
class TaLibAgreementTest {

  /** One indicator request and the TA-Lib call that defines it, its outputs in our lines' order. */
  record Case(String spec, Function<Bars, TaLib.Call> talib) {
    @Override
    public String toString() {
      return spec;
    }
  }

  /** A TA-Lib function of one series and a period. */
  interface SeriesFunction {
    RetCode call(int s, int e, double[] in, int period, MInteger beg, MInteger nb, double[] out);
  }

  /** A TA-Lib function of high, low, close and a period. */
  interface BarFunction {
    RetCode call(int s, int e, double[] h, double[] l, double[] c, int period, MInteger beg, MInteger nb, double[] o);
  }

  static Case series(String name, int period, SeriesFunction f) {
    return new Case(name + ":" + period, b -> (s, e, beg, nb, o) -> f.call(s, e, b.close(), period, beg, nb, o[0]));
  }

  static Case bars(String name, int period, BarFunction f) {
    return new Case(name + ":" + period,
        b -> (s, e, beg, nb, o) -> f.call(s, e, b.high(), b.low(), b.close(), period, beg, nb, o[0]));
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (int n : new int[] {2, 5, 14, 30}) {
      cases.add(series("sma", n, CORE::sma));
      cases.add(series("ema", n, CORE::ema));
      cases.add(series("wma", n, CORE::wma));
      cases.add(series("dema", n, CORE::dema));
      cases.add(series("tema", n, CORE::tema));
      cases.add(series("rsi", n, CORE::rsi));
      cases.add(series("stddev", n, (s, e, in, p, beg, nb, o) -> CORE.stdDev(s, e, in, p, 1.0, beg, nb, o)));
      cases.add(bars("adx", n, CORE::adx));
      cases.add(bars("cci", n, CORE::cci));
      cases.add(bars("willr", n, CORE::willR));
      cases.add(new Case("dmi:" + n, b -> (s, e, beg, nb, o) -> {
        MInteger ignored = new MInteger();
        CORE.minusDI(s, e, b.high(), b.low(), b.close(), n, ignored, new MInteger(), o[1]);
        return CORE.plusDI(s, e, b.high(), b.low(), b.close(), n, beg, nb, o[0]);
      }));
      cases.add(new Case("mfi:" + n,
          b -> (s, e, beg, nb, o) -> CORE.mfi(s, e, b.high(), b.low(), b.close(), b.volume(), n, beg, nb, o[0])));
      for (String k : new String[] {"2", "1.5", "0"}) {
        cases.add(new Case("bollinger:" + n + ":" + k, b -> (s, e, beg, nb, o) -> CORE.bbands(s, e, b.close(), n,
            Double.parseDouble(k), Double.parseDouble(k), MAType.Sma, beg, nb, o[0], o[1], o[2])));
      }
    }
    for (int n : new int[] {1, 3, 10, 25}) {
      cases.add(series("roc", n, CORE::roc));
      cases.add(series("mom", n, CORE::mom));
      cases.add(bars("atr", n, CORE::atr));
    }
    for (int[] m : new int[][] {{12, 26, 9}, {5, 35, 5}, {26, 12, 9}, {3, 10, 2}, {8, 8, 4}}) {
      cases.add(new Case("macd:" + m[0] + ":" + m[1] + ":" + m[2],
          b -> (s, e, beg, nb, o) -> CORE.macd(s, e, b.close(), m[0], m[1], m[2], beg, nb, o[0], o[1], o[2])));
    }
    for (int[] m : new int[][] {{14, 3, 3}, {5, 3, 3}, {1, 1, 1}, {9, 1, 5}, {21, 5, 2}}) {
      cases.add(new Case("stoch:" + m[0] + ":" + m[1] + ":" + m[2], b -> (s, e, beg, nb, o) -> CORE.stoch(s, e,
          b.high(), b.low(), b.close(), m[0], m[1], MAType.Sma, m[2], MAType.Sma, beg, nb, o[0], o[1])));
    }
    for (int[] m : new int[][] {{14, 5, 3}, {14, 14, 3}, {2, 1, 1}, {9, 3, 6}}) {
      cases.add(new Case("stochrsi:" + m[0] + ":" + m[1] + ":" + m[2], b -> (s, e, beg, nb, o) ->
          CORE.stochRsi(s, e, b.close(), m[0], m[1], m[2], MAType.Sma, beg, nb, o[0], o[1])));
    }
    for (String[] m : new String[][] {{"0.02", "0.2"}, {"0.01", "0.1"}, {"0.1", "0.05"}, {"0.05", "0.5"}}) {
      cases.add(new Case("sar:" + m[0] + ":" + m[1], b -> (s, e, beg, nb, o) -> CORE.sar(s, e, b.high(), b.low(),
          Double.parseDouble(m[0]), Double.parseDouble(m[1]), beg, nb, o[0])));
    }
    cases.add(new Case("obv", b -> (s, e, beg, nb, o) -> CORE.obv(s, e, b.close(), b.volume(), beg, nb, o[0])));
    return cases;
  }

  static Stream<Arguments> inputs() {
    List<Arguments> inputs = new ArrayList<>();
    for (Case c : cases()) {
      inputs.add(Arguments.of(c, "apple 2013", Series.apple()));
      inputs.add(Arguments.of(c, "flat spells", Series.flatSpells(c.spec().hashCode(), 200)));
      for (int n : new int[] {1, 40, 300}) {
        inputs.add(Arguments.of(c, "random walk of " + n, Series.randomWalk(n * 31L + c.spec().hashCode(), n)));
      }
    }
    return inputs.stream();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("inputs")
  void equalsTaLib(Case c, String input, Bars bars) {
    IndicatorSpec spec = IndicatorCatalog.parse(c.spec());
    Map<String, double[]> ours = IndicatorCatalog.compute(spec, bars);
    List<String> lines = IndicatorCatalog.lines(spec.name());
    assertThat(ours.keySet()).containsExactlyElementsOf(lines);
    double[][] expected = TaLib.run(bars.size(), lines.size(), c.talib().apply(bars));
    for (int i = 0; i < lines.size(); i++) {
      Agreement.assertSameSeries(c.spec() + " " + lines.get(i), ours.get(lines.get(i)), expected[i]);
    }
    if (bars.size() > IndicatorCatalog.lookback(spec)) {
      assertThat(Agreement.firstValue(expected[0])).isEqualTo(IndicatorCatalog.lookback(spec));
    }
  }
}
