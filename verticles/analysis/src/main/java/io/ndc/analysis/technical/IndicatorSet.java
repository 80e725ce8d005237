package io.ndc.analysis.technical;

import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.indicators.IndicatorCatalog;
import io.ndc.analysis.indicators.IndicatorSpec;
import io.ndc.analysis.series.Window;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicators of one request over one window: each computed on exactly its own look-back of warm-up bars before
 * the range (so an indicator's values never depend on which others were asked with it), then cut to the range. History
 * queries, charts and live updates all compute through here.
 */
public final class IndicatorSet {
  private final List<IndicatorSpec> specs;

  private IndicatorSet(List<IndicatorSpec> specs) {
    this.specs = specs;
  }

  /** Parses and validates {@code name:param} texts; 400 naming the bad one, or when there are more than {@code max}. */
  public static IndicatorSet parse(List<String> texts, int max) {
    if (texts.size() > max) {
      throw Failure.validation("too many indicators: " + texts.size() + " given, at most " + max + " per request");
    }
    Map<String, IndicatorSpec> byKey = new LinkedHashMap<>();
    for (String text : texts) {
      IndicatorSpec spec;
      try {
        spec = IndicatorCatalog.parse(text);
      } catch (IllegalArgumentException e) {
        throw Failure.validation(e.getMessage(), new JsonObject().put("indicator", text));
      }
      byKey.putIfAbsent(spec.key(), spec);
    }
    return new IndicatorSet(List.copyOf(byKey.values()));
  }

  public List<IndicatorSpec> specs() {
    return specs;
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }

  /** The longest look-back of the set: the warm-up bars to fetch. */
  public int lookback() {
    return specs.stream().mapToInt(IndicatorCatalog::lookback).max().orElse(0);
  }

  /** Key → line → values over the window's range (NaN where there is none), in request order. */
  public Map<String, Map<String, double[]>> compute(Window window) {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    for (IndicatorSpec spec : specs) {
      int lookback = IndicatorCatalog.lookback(spec);
      int offset = window.offsetFor(lookback);
      Map<String, double[]> lines = IndicatorCatalog.compute(spec, window.barsFor(lookback));
      Map<String, double[]> cut = new LinkedHashMap<>();
      lines.forEach((line, values) -> cut.put(line, offset == 0 ? values : Arrays.copyOfRange(values, offset, values.length)));
      out.put(spec.key(), cut);
    }
    return out;
  }

  /**
   * The values at the window's last bar, shaped like {@link #valuesAt}, equal to {@code valuesAt(compute(window), last)}
   * but computing each single-series indicator on the closes alone (live updates: no bar columns copied per update).
   */
  public JsonObject valuesAtLast(Window window) {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    Bars bars = window.series().bars();
    int n = bars.size();
    for (IndicatorSpec spec : specs) {
      int lookback = IndicatorCatalog.lookback(spec);
      int start = window.warmupBars() - window.offsetFor(lookback);
      Map<String, double[]> lines = IndicatorCatalog.takesBars(spec.name())
          ? IndicatorCatalog.compute(spec, window.barsFor(lookback))
          : IndicatorCatalog.compute(spec, start == 0 ? bars.close() : Arrays.copyOfRange(bars.close(), start, n));
      out.put(spec.key(), lines);
    }
    Map<String, Map<String, double[]>> last = new LinkedHashMap<>();
    out.forEach((key, lines) -> {
      Map<String, double[]> at = new LinkedHashMap<>();
      lines.forEach((line, values) -> at.put(line, new double[] {values[values.length - 1]}));
      last.put(key, at);
    });
    return valuesAt(last, 0);
  }

  /** Whether the indicator draws on the price scale (moving averages, bands, channels, SAR, VWAP). */
  public static boolean overlay(IndicatorSpec spec) {
    return switch (spec.name()) {
      case "sma", "ema", "wma", "dema", "tema", "bollinger", "sar", "vwap", "ichimoku", "donchian", "keltner" -> true;
      default -> false;
    };
  }

  /** {@code {"sma_20":[...],"bollinger_20_2":{"upper":[...],...}}}: single-line indicators as a series. */
  public static JsonObject toJson(Map<String, Map<String, double[]>> computed) {
    JsonObject json = new JsonObject();
    computed.forEach((key, lines) -> json.put(key, linesJson(lines)));
    return json;
  }

  static Object linesJson(Map<String, double[]> lines) {
    if (lines.size() == 1 && lines.containsKey("value")) {
      return series(lines.get("value"));
    }
    JsonObject object = new JsonObject();
    lines.forEach((line, values) -> object.put(line, series(values)));
    return object;
  }

  /** Values at one position, shaped like {@link #toJson}: a number (or null) per single-line key, an object otherwise. */
  public static JsonObject valuesAt(Map<String, Map<String, double[]>> computed, int i) {
    JsonObject json = new JsonObject();
    computed.forEach((key, lines) -> {
      if (lines.size() == 1 && lines.containsKey("value")) {
        json.put(key, number(lines.get("value")[i]));
      } else {
        JsonObject object = new JsonObject();
        lines.forEach((line, values) -> object.put(line, number(values[i])));
        json.put(key, object);
      }
    });
    return json;
  }

  public static JsonArray series(double[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(number(v));
    }
    return new JsonArray(list);
  }

  private static Double number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
