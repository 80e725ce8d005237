package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.Agreement.assertSameSeries;
import static io.ndc.analysis.indicators.TaLib.CORE;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ichimoku, Donchian, Keltner and VWAP, which TA-Lib does not define, against their definitions in
 * docs/analysis.md written out plainly (a loop per value), over random walks and Apple's 2013 bars.
 */
class ChannelDefinitionTest {

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("apple 2013", Series.apple()),
        Arguments.of("random walk of 300", Series.randomWalk(11, 300)),
        Arguments.of("random walk of 30", Series.randomWalk(12, 30)),
        Arguments.of("random walk of 3", Series.randomWalk(13, 3)));
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void donchian(String input, Bars bars) {
    for (int n : new int[] {1, 5, 20}) {
      Map<String, double[]> ours = compute("donchian:" + n, bars);
      double[] upper = nan(bars);
      double[] middle = nan(bars);
      double[] lower = nan(bars);
      for (int i = n - 1; i < bars.size(); i++) {
        upper[i] = max(bars.high(), i - n + 1, i);
        lower[i] = min(bars.low(), i - n + 1, i);
        middle[i] = (upper[i] + lower[i]) / 2;
      }
      assertSameSeries("donchian upper", ours.get("upper"), upper);
      assertSameSeries("donchian middle", ours.get("middle"), middle);
      assertSameSeries("donchian lower", ours.get("lower"), lower);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void keltnerIsTaLibEmaPlusMinusKTaLibAtr(String input, Bars bars) {
    for (int n : new int[] {2, 10, 20}) {
      Map<String, double[]> ours = compute("keltner:" + n + ":1.5", bars);
      double[] ema = TaLib.run(bars.size(), 1, (s, e, b, c, o) -> CORE.ema(s, e, bars.close(), n, b, c, o[0]))[0];
      double[] atr = TaLib.run(bars.size(), 1,
          (s, e, b, c, o) -> CORE.atr(s, e, bars.high(), bars.low(), bars.close(), n, b, c, o[0]))[0];
      double[] upper = nan(bars);
      double[] middle = nan(bars);
      double[] lower = nan(bars);
      for (int i = n; i < bars.size(); i++) {
        middle[i] = ema[i];
        upper[i] = ema[i] + 1.5 * atr[i];
        lower[i] = ema[i] - 1.5 * atr[i];
      }
      assertSameSeries("keltner upper", ours.get("upper"), upper);
      assertSameSeries("keltner middle", ours.get("middle"), middle);
      assertSameSeries("keltner lower", ours.get("lower"), lower);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void ichimoku(String input, Bars bars) {
    for (int[] p : new int[][] {{9, 26, 52}, {3, 5, 8}, {1, 1, 1}, {7, 3, 4}}) {
      int t = p[0];
      int k = p[1];
      int s = p[2];
      Map<String, double[]> ours = compute("ichimoku:" + t + ":" + k + ":" + s, bars);
      int n = bars.size();
      double[] tenkan = nan(bars);
      double[] kijun = nan(bars);
      double[] senkouA = nan(bars);
      double[] senkouB = nan(bars);
      double[] chikou = nan(bars);
      for (int i = 0; i < n; i++) {
        tenkan[i] = midpoint(bars, i, t);
        kijun[i] = midpoint(bars, i, k);
        if (i - k >= 0) {
          senkouA[i] = (midpoint(bars, i - k, t) + midpoint(bars, i - k, k)) / 2;
          senkouB[i] = midpoint(bars, i - k, s);
        }
        if (i + k < n) {
          chikou[i] = bars.close()[i + k];
        }
      }
      assertSameSeries("tenkan", ours.get("tenkan"), tenkan);
      assertSameSeries("kijun", ours.get("kijun"), kijun);
      assertSameSeries("senkou_a", ours.get("senkou_a"), senkouA);
      assertSameSeries("senkou_b", ours.get("senkou_b"), senkouB);
      assertSameSeries("chikou", ours.get("chikou"), chikou);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void vwapOfDailyBarsIsCumulativeOverTheRange(String input, Bars bars) {
    double[] expected = nan(bars);
    for (int i = 0; i < bars.size(); i++) {
      double value = 0;
      double volume = 0;
      for (int j = 0; j <= i; j++) {
        value += typical(bars, j) * bars.volume()[j];
        volume += bars.volume()[j];
      }
      expected[i] = value / volume;
    }
    assertSameSeries("vwap", compute("vwap", bars).get("value"), expected);
  }

  @Test
  void vwapOfIntradayBarsStartsAgainEachUtcDay() {
    Bars walk = Series.randomWalk(21, 240);
    long start = Arrays.stream(walk.ts()).min().orElseThrow() + 20 * 3_600_000L;
    long[] ts = new long[walk.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = start + i * 15 * 60_000L; // 15-minute bars from 20:00 UTC: 16 bars on the first day, 96 on the next
    }
    Bars bars = new Bars(ts, walk.open(), walk.high(), walk.low(), walk.close(), walk.volume());
    double[] expected = nan(bars);
    for (int i = 0; i < bars.size(); i++) {
      long day = Math.floorDiv(ts[i], Series.DAY);
      double value = 0;
      double volume = 0;
      for (int j = i; j >= 0 && Math.floorDiv(ts[j], Series.DAY) == day; j--) {
        value += typical(bars, j) * bars.volume()[j];
        volume += bars.volume()[j];
      }
      expected[i] = value / volume;
    }
    assertSameSeries("intraday vwap", compute("vwap", bars).get("value"), expected);
  }

  private static Map<String, double[]> compute(String spec, Bars bars) {
    return IndicatorCatalog.compute(IndicatorCatalog.parse(spec), bars);
  }

  private static double midpoint(Bars bars, int i, int period) {
    return i < period - 1
        ? Double.NaN
        : (max(bars.high(), i - period + 1, i) + min(bars.low(), i - period + 1, i)) / 2;
  }

  private static double typical(Bars bars, int i) {
    return (bars.high()[i] + bars.low()[i] + bars.close()[i]) / 3;
  }

  private static double max(double[] x, int from, int to) {
    return Arrays.stream(x, from, to + 1).max().orElseThrow();
  }

  private static double min(double[] x, int from, int to) {
    return Arrays.stream(x, from, to + 1).min().orElseThrow();
  }

  private static double[] nan(Bars bars) {
    double[] series = new double[bars.size()];
    Arrays.fill(series, Double.NaN);
    return series;
  }
}
