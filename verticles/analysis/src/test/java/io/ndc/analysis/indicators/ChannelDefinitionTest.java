package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.Agreement.assertSameSeries;
import static io.ndc.analysis.indicators.TaLib.CORE;

import java.util.Arrays;
import java.util.List;
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
      double[][] expected = lines(3, bars);
      for (int i = n - 1; i < bars.size(); i++) {
        expected[0][i] = max(bars.high(), i - n + 1, i);
        expected[2][i] = min(bars.low(), i - n + 1, i);
        expected[1][i] = (expected[0][i] + expected[2][i]) / 2;
      }
      assertLines("donchian:" + n, bars, expected);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void keltnerIsTaLibEmaPlusMinusKTaLibAtr(String input, Bars bars) {
    for (int n : new int[] {2, 10, 20}) {
      double[] ema = TaLib.run(bars.size(), 1, (s, e, b, c, o) -> CORE.ema(s, e, bars.close(), n, b, c, o[0]))[0];
      double[] atr = TaLib.run(bars.size(), 1,
          (s, e, b, c, o) -> CORE.atr(s, e, bars.high(), bars.low(), bars.close(), n, b, c, o[0]))[0];
      double[][] expected = lines(3, bars);
      for (int i = n; i < bars.size(); i++) {
        expected[0][i] = ema[i] + 1.5 * atr[i];
        expected[1][i] = ema[i];
        expected[2][i] = ema[i] - 1.5 * atr[i];
      }
      assertLines("keltner:" + n + ":1.5", bars, expected);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @MethodSource("inputs")
  void ichimoku(String input, Bars bars) {
    for (int[] p : new int[][] {{9, 26, 52}, {3, 5, 8}, {1, 1, 1}, {7, 3, 4}}) {
      int t = p[0];
      int k = p[1];
      int s = p[2];
      int n = bars.size();
      double[][] expected = lines(5, bars);
      for (int i = 0; i < n; i++) {
        expected[0][i] = midpoint(bars, i, t);
        expected[1][i] = midpoint(bars, i, k);
        if (i - k >= 0) {
          expected[2][i] = (midpoint(bars, i - k, t) + midpoint(bars, i - k, k)) / 2;
          expected[3][i] = midpoint(bars, i - k, s);
        }
        if (i + k < n) {
          expected[4][i] = bars.close()[i + k];
        }
      }
      assertLines("ichimoku:" + t + ":" + k + ":" + s, bars, expected);
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

  /** Our lines of {@code spec} equal {@code expected}, given in the catalog's line order. */
  private static void assertLines(String spec, Bars bars, double[][] expected) {
    Map<String, double[]> ours = compute(spec, bars);
    List<String> lines = IndicatorCatalog.lines(IndicatorCatalog.parse(spec).name());
    for (int i = 0; i < lines.size(); i++) {
      assertSameSeries(spec + " " + lines.get(i), ours.get(lines.get(i)), expected[i]);
    }
  }

  private static double[][] lines(int count, Bars bars) {
    double[][] lines = new double[count][];
    for (int i = 0; i < count; i++) {
      lines[i] = nan(bars);
    }
    return lines;
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
