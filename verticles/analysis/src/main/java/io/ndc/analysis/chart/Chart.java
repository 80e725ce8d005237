package io.ndc.analysis.chart;

import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.indicators.IndicatorSpec;
import io.ndc.analysis.series.Window;
import io.ndc.analysis.technical.IndicatorSet;
import io.ndc.contract.BarInterval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a chart shows, over the window's range: the bars, and each indicator either on the price panel (overlays:
 * moving averages, bands, channels, SAR, VWAP) or in a pane of its own (oscillators). Written as the chart JSON the
 * dashboard draws or, by {@link SvgChart}, as SVG.
 */
public record Chart(String symbol, BarInterval interval, Bars bars, Map<String, Map<String, double[]>> overlays,
    Map<String, Map<String, double[]>> panes) {

  public static Chart of(String symbol, BarInterval interval, IndicatorSet set, Window window) {
    Map<String, Map<String, double[]>> computed = set.compute(window);
    Map<String, Map<String, double[]>> overlays = new LinkedHashMap<>();
    Map<String, Map<String, double[]>> panes = new LinkedHashMap<>();
    for (IndicatorSpec spec : set.specs()) {
      (IndicatorSet.overlay(spec) ? overlays : panes).put(spec.key(), computed.get(spec.key()));
    }
    return new Chart(symbol, interval, window.barsFor(0), overlays, panes);
  }

  public int size() {
    return bars.size();
  }

  public String date(int i) {
    return interval.format(bars.ts()[i]);
  }

  /** {@code {"symbol","interval","candles":[{date|ts,open,high,low,close}],"volume":[{date|ts,volume}],"overlays","panes"}} */
  public JsonObject toJson() {
    JsonArray candles = new JsonArray();
    JsonArray volume = new JsonArray();
    String time = interval.intraday() ? "ts" : "date";
    for (int i = 0; i < size(); i++) {
      candles.add(new JsonObject().put(time, date(i)).put("open", bars.open()[i]).put("high", bars.high()[i])
          .put("low", bars.low()[i]).put("close", bars.close()[i]));
      volume.add(new JsonObject().put(time, date(i)).put("volume", bars.volume()[i]));
    }
    return new JsonObject().put("symbol", symbol).put("interval", interval.id()).put("candles", candles)
        .put("volume", volume).put("overlays", IndicatorSet.toJson(overlays)).put("panes", IndicatorSet.toJson(panes));
  }

  /** Lowest and highest finite value of the columns. */
  static double[] extent(double[]... columns) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] column : columns) {
      for (double v : column) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    return lo == hi ? new double[] {lo - 1, hi + 1} : new double[] {lo, hi};
  }

  static double[][] lines(Map<String, Map<String, double[]>> indicators) {
    return indicators.values().stream().flatMap(m -> m.values().stream()).toArray(double[][]::new);
  }

  static double[][] with(double[][] columns, double[]... more) {
    double[][] all = Arrays.copyOf(columns, columns.length + more.length);
    System.arraycopy(more, 0, all, columns.length, more.length);
    return all;
  }
}
