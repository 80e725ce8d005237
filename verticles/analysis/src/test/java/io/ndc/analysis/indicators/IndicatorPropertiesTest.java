package io.ndc.analysis.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** What holds for every indicator, or for families of them, over generated series and parameters. */
class IndicatorPropertiesTest {

  @Provide
  Arbitrary<IndicatorSpec> specs() {
    return Arbitraries.of(IndicatorCatalog.names()).flatMap(name -> {
      List<Arbitrary<Double>> params = new ArrayList<>();
      for (Param param : IndicatorTable.BY_NAME.get(name).params()) {
        params.add(param.whole()
            ? Arbitraries.integers().between((int) param.min(), 40).map(Integer::doubleValue)
            : Arbitraries.doubles().between(Math.max(param.min(), 0.001), Math.min(param.max(), 4)).ofScale(3));
      }
      return Combinators.combine(params).as(values -> IndicatorCatalog.spec(name, values));
    });
  }

  @Provide
  Arbitrary<Bars> bars() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 300), Arbitraries.of(true, false))
        .as((seed, n, flat) -> flat ? Series.flatSpells(seed, n) : Series.randomWalk(seed, n));
  }

  /**
   * Random walks only: on flat spells the exact tests of TA-Lib ("no range" is 0) meet rounding, and a window of
   * RSI values at 100 and 100 - 1e-14 is a full stochastic range, so scale invariance holds only off flat spells.
   */
  @Provide
  Arbitrary<Bars> walks() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 300)).as(Series::randomWalk);
  }

  @Property
  void everyLineIsAsLongAsTheInputAndStartsAtTheLookback(@ForAll("specs") IndicatorSpec spec, @ForAll("bars") Bars bars) {
    Map<String, double[]> out = IndicatorCatalog.compute(spec, bars);
    int lookback = IndicatorCatalog.lookback(spec);
    assertThat(out.keySet()).containsExactlyElementsOf(IndicatorCatalog.lines(spec.name()));
    for (Map.Entry<String, double[]> line : out.entrySet()) {
      double[] values = line.getValue();
      assertThat(values).hasSize(bars.size());
      if (line.getKey().equals("chikou")) {
        continue; // the close drawn back: values from 0, none for the last kijun bars (ChannelDefinitionTest)
      }
      if (!spec.name().equals("ichimoku")) {
        // ichimoku's lines warm up separately; its look-back is the latest of them
        assertThat(Arrays.stream(values, 0, Math.min(lookback, values.length))).allMatch(v -> Double.isNaN(v));
      }
      if (spec.name().equals("vwap")) {
        continue; // NaN until a session trades, and flat spells have bars without volume
      }
      assertThat(Arrays.stream(values, Math.min(lookback, values.length), values.length)).noneMatch(v -> Double.isNaN(v));
    }
  }

  @Property
  void anAppendedBarLeavesEveryEarlierValueAsItWas(@ForAll("specs") IndicatorSpec spec, @ForAll("bars") Bars bars) {
    int n = bars.size();
    Bars shorter = new Bars(Arrays.copyOf(bars.ts(), n - 1), Arrays.copyOf(bars.open(), n - 1),
        Arrays.copyOf(bars.high(), n - 1), Arrays.copyOf(bars.low(), n - 1), Arrays.copyOf(bars.close(), n - 1),
        Arrays.copyOf(bars.volume(), n - 1));
    Map<String, double[]> before = IndicatorCatalog.compute(spec, shorter);
    Map<String, double[]> after = IndicatorCatalog.compute(spec, bars);
    before.remove("chikou"); // it looks ahead by design
    before.forEach((line, values) -> assertThat(Arrays.copyOf(after.get(line), n - 1)).containsExactly(values));
  }

  @Property
  void movingAveragesOfAConstantAreTheConstant(@ForAll @DoubleRange(min = -1e6, max = 1e6) double c,
      @ForAll @IntRange(min = 2, max = 50) int period, @ForAll @IntRange(min = 1, max = 200) int n) {
    double[] constant = new double[n];
    Arrays.fill(constant, c);
    for (String name : List.of("sma", "ema", "wma", "dema", "tema")) {
      double[] values = value(name + ":" + period, constant);
      for (int i = IndicatorCatalog.lookback(IndicatorCatalog.parse(name + ":" + period)); i < n; i++) {
        assertThat(values[i]).as(name).isCloseTo(c, within(1e-9 * Math.max(1, Math.abs(c))));
      }
    }
  }

  @Property
  void aConstantHasNoDeviationNoMomentumAndCollapsedBands(@ForAll @DoubleRange(min = 0.01, max = 1e4) double c,
      @ForAll @IntRange(min = 2, max = 50) int period) {
    double[] constant = new double[3 * period + 40];
    Arrays.fill(constant, c);
    // E[x²] - mean² (TA-Lib's formula) leaves a rounding residue of about c·1e-8 that TA-Lib's 1e-8 variance
    // threshold does not always remove, so "no deviation" is 0 up to that residue
    assertThat(Arrays.stream(valuesFrom("stddev:" + period, constant))).allMatch(v -> v >= 0 && v <= 1e-7 * c);
    assertThat(valuesFrom("mom:" + period, constant)).containsOnly(0.0);
    assertThat(valuesFrom("roc:" + period, constant)).containsOnly(0.0);
    // TA-Lib's RSI of a series that never moves is 0, not 50
    assertThat(valuesFrom("rsi:" + period, constant)).containsOnly(0.0);
    Map<String, double[]> bands = IndicatorCatalog.compute(IndicatorCatalog.parse("bollinger:" + period + ":2"), constant);
    for (int i = period - 1; i < constant.length; i++) {
      assertThat(bands.get("middle")[i]).isCloseTo(c, within(1e-9 * c));
      assertThat(bands.get("upper")[i] - bands.get("lower")[i]).isBetween(0.0, 4e-7 * c);
    }
  }

  @Property
  void averagesScaleWithTheSeries(@ForAll("walks") Bars bars, @ForAll @DoubleRange(min = 0.01, max = 100) double k,
      @ForAll @IntRange(min = 2, max = 40) int period) {
    double[] scaled = Arrays.stream(bars.close()).map(x -> k * x).toArray();
    for (String name : List.of("sma", "ema", "wma", "dema", "tema", "mom")) {
      double[] plain = value(name + ":" + period, bars.close());
      double[] ofScaled = value(name + ":" + period, scaled);
      double[] expected = Arrays.stream(plain).map(x -> k * x).toArray();
      Agreement.assertSameSeries(name + " of k·x", ofScaled, expected);
    }
  }

  @Property
  void oscillatorsIgnoreTheScale(@ForAll("walks") Bars bars, @ForAll @DoubleRange(min = 0.01, max = 100) double k,
      @ForAll @IntRange(min = 2, max = 30) int period) {
    Bars scaled = new Bars(bars.ts(), times(k, bars.open()), times(k, bars.high()), times(k, bars.low()),
        times(k, bars.close()), bars.volume());
    // not CCI: TA-Lib answers 0 only when the distance from the mean is exactly 0, which scaling can undo
    for (String text : List.of("rsi:" + period, "willr:" + period, "stoch:" + period + ":3:3", "roc:" + period,
        "stochrsi:" + period + ":5:3")) {
      IndicatorSpec spec = IndicatorCatalog.parse(text);
      Map<String, double[]> plain = IndicatorCatalog.compute(spec, bars);
      Map<String, double[]> ofScaled = IndicatorCatalog.compute(spec, scaled);
      plain.forEach((line, values) -> assertScaleFree(text + " " + line, ofScaled.get(line), values));
    }
  }

  /** Scale-free values agree to rounding; flat-window answers (0) may flip to a tiny value, so compare on 0..100. */
  private static void assertScaleFree(String what, double[] actual, double[] expected) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(actual[i]).as(what + " at " + i).isNaN();
      } else {
        assertThat(actual[i]).as(what + " at " + i)
            .isCloseTo(expected[i], within(1e-6 * Math.max(100, Math.abs(expected[i]))));
      }
    }
  }

  @Property
  void aGapRestartsTheIndicatorAfterIt(@ForAll("specs") IndicatorSpec spec, @ForAll("bars") Bars bars,
      @ForAll @IntRange(min = 0, max = 299) int at) {
    int gap = at % bars.size();
    Bars withGap = new Bars(bars.ts(), bars.open().clone(), bars.high().clone(), bars.low().clone(),
        bars.close().clone(), bars.volume().clone());
    withGap.close()[gap] = Double.NaN;
    Map<String, double[]> out = IndicatorCatalog.compute(spec, withGap);
    Map<String, double[]> before = IndicatorCatalog.compute(spec, slice(bars, 0, gap));
    Map<String, double[]> after = IndicatorCatalog.compute(spec, slice(bars, gap + 1, bars.size()));
    boolean readsClose = !spec.name().equals("sar") && !spec.name().equals("donchian");
    out.forEach((line, values) -> {
      if (!readsClose) {
        assertThat(values).containsExactly(IndicatorCatalog.compute(spec, bars).get(line));
        return;
      }
      assertThat(values[gap]).as("at the gap").isNaN();
      assertThat(Arrays.copyOfRange(values, 0, gap)).containsExactly(before.get(line));
      assertThat(Arrays.copyOfRange(values, gap + 1, values.length)).containsExactly(after.get(line));
    });
  }

  private static Bars slice(Bars bars, int from, int to) {
    return new Bars(Arrays.copyOfRange(bars.ts(), from, to), Arrays.copyOfRange(bars.open(), from, to),
        Arrays.copyOfRange(bars.high(), from, to), Arrays.copyOfRange(bars.low(), from, to),
        Arrays.copyOfRange(bars.close(), from, to), Arrays.copyOfRange(bars.volume(), from, to));
  }

  private static double[] times(double k, double[] x) {
    return Arrays.stream(x).map(v -> k * v).toArray();
  }

  private static double[] value(String spec, double[] source) {
    return IndicatorCatalog.compute(IndicatorCatalog.parse(spec), source).get("value");
  }

  /** The values after the warm-up. */
  private static double[] valuesFrom(String spec, double[] source) {
    double[] values = value(spec, source);
    return Arrays.copyOfRange(values, IndicatorCatalog.lookback(IndicatorCatalog.parse(spec)), values.length);
  }
}
