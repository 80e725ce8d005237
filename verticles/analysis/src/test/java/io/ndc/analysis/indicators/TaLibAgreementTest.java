package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.TaLib.CORE;
import static org.assertj.core.api.Assertions.assertThat;

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
 * over random walks of several lengths and over a year of Apple's real daily bars.
 */
class TaLibAgreementTest {

  /** One indicator request and the TA-Lib call that defines it, its outputs in our lines' order. */
  record Case(String spec, Function<Bars, TaLib.Call> talib) {
    @Override
    public String toString() {
      return spec;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (int n : new int[] {2, 5, 14, 30}) {
      cases.add(new Case("sma:" + n, b -> (s, e, beg, nb, o) -> CORE.sma(s, e, b.close(), n, beg, nb, o[0])));
      cases.add(new Case("ema:" + n, b -> (s, e, beg, nb, o) -> CORE.ema(s, e, b.close(), n, beg, nb, o[0])));
      cases.add(new Case("wma:" + n, b -> (s, e, beg, nb, o) -> CORE.wma(s, e, b.close(), n, beg, nb, o[0])));
      cases.add(new Case("dema:" + n, b -> (s, e, beg, nb, o) -> CORE.dema(s, e, b.close(), n, beg, nb, o[0])));
      cases.add(new Case("tema:" + n, b -> (s, e, beg, nb, o) -> CORE.tema(s, e, b.close(), n, beg, nb, o[0])));
    }
    return cases;
  }

  static Stream<Arguments> inputs() {
    List<Arguments> inputs = new ArrayList<>();
    for (Case c : cases()) {
      inputs.add(Arguments.of(c, "apple 2013", Series.apple()));
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
