package io.ndc.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.series.LoadedSeries;
import io.ndc.analysis.series.Window;
import io.ndc.analysis.technical.IndicatorSet;
import io.ndc.contract.BarInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveSeriesTest {
  private static final long MINUTE = 60_000;
  private static final long DAY = 86_400_000L;

  private static Bars minutes(long start, int n) {
    long[] ts = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = start + i * MINUTE;
      c[i] = 50 + 5 * Math.sin(i / 3.0) + i * 0.01;
      o[i] = c[i] - 0.2;
      h[i] = c[i] + 1;
      l[i] = c[i] - 1;
      v[i] = 100 + i;
    }
    return new Bars(ts, o, h, l, c, v);
  }

  @Test
  void valuesAtTheLastBarAreThoseOfTheWholeComputationAsUpdatesFormAndAppendBars() {
    IndicatorSet set = IndicatorSet.parse(List.of("sma:5", "ema:12", "rsi:14", "bollinger:5:2", "atr:3", "macd:3:6:2"), 20);
    long anchor = 20 * DAY;
    Bars stored = minutes(anchor - 30 * MINUTE, 60);
    LiveSeries series = new LiveSeries("X", BarInterval.M1, set.lookback());
    series.reset(new Window(LoadedSeries.of("X", null, BarInterval.M1, stored), 30), anchor);
    long next = stored.ts()[59] + MINUTE;
    double[][] updates = {{51, 53, 50, 52, 10}, {51, 54, 49, 53.5, 20}, {53, 55, 52, 54, 5}};
    for (int u = 0; u < updates.length; u++) {
      long ts = u < 2 ? next : next + MINUTE;
      double[] b = updates[u];
      assertThat(series.update(ts, b[0], b[1], b[2], b[3], b[4])).isTrue();
      Window window = series.window();
      assertThat(window.series().bars().ts()).hasSize(u < 2 ? 61 : 62);
      assertThat(window.series().bars().close()[window.series().bars().size() - 1]).isEqualTo(b[3]);
      assertThat(set.valuesAtLast(window)).as("update %d", u)
          .isEqualTo(IndicatorSet.valuesAt(set.compute(window), window.size() - 1));
    }
    assertThat(series.update(next - MINUTE, 1, 1, 1, 1, 1)).as("an older bar").isFalse();
  }
}
