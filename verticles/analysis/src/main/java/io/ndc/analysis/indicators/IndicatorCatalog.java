package io.ndc.analysis.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The indicators of SPEC §9 by name: parsing and validating {@code name:param:param} requests, their look-back,
 * their lines, and computing them over columnar series. Pure computation: no I/O, no Vert.x, so history queries
 * and live updates (recomputed on the in-memory tail) share it. See docs/analysis.md for the definitions.
 */
public final class IndicatorCatalog {
  private IndicatorCatalog() {}

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private static final Map<String, Indicator> INDICATORS = IndicatorTable.BY_NAME;

  /** Every indicator name, in SPEC §9 order. */
  public static List<String> names() {
    return List.copyOf(INDICATORS.keySet());
  }

  /** The names of an indicator's parameters in request order, e.g. {@code [fast, slow, signal]} for macd. */
  public static List<String> parameters(String name) {
    return indicator(name).params().stream().map(Param::name).toList();
  }

  /**
   * Parses {@code name} or {@code name:param:...}. With no parameters the defaults apply and the key is the bare
   * name; otherwise every parameter must be given, as a plain decimal number.
   */
  public static IndicatorSpec parse(String text) {
    String trimmed = text.trim();
    String[] parts = trimmed.split(":", -1);
    String name = parts[0].toLowerCase(Locale.ROOT);
    Indicator indicator = INDICATORS.get(name);
    if (indicator == null) {
      throw new IllegalArgumentException("unknown indicator '" + parts[0] + "'");
    }
    List<Double> params = new ArrayList<>();
    StringBuilder key = new StringBuilder(name);
    for (int i = 1; i < parts.length; i++) {
      if (!NUMBER.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException(
            "bad parameter for '" + trimmed + "': '" + parts[i] + "' is not a number");
      }
      params.add(Double.parseDouble(parts[i]));
      key.append('_').append(parts[i]);
    }
    check(indicator, params, trimmed);
    return new IndicatorSpec(name, params, key.toString());
  }

  /** Parses a comma-separated list such as {@code sma:20,rsi:14}; blanks around items are ignored. */
  public static List<IndicatorSpec> parseList(String commaList) {
    List<IndicatorSpec> specs = new ArrayList<>();
    for (String item : commaList.split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException("empty indicator in '" + commaList + "'");
      }
      specs.add(parse(item));
    }
    return specs;
  }

  /** A validated spec from a name and numbers, as the expression language's {@code sma(close, 20)} names one. */
  public static IndicatorSpec spec(String name, List<Double> params) {
    String lower = name.toLowerCase(Locale.ROOT);
    Indicator indicator = indicator(lower);
    String text = text(lower, params);
    check(indicator, params, text);
    return new IndicatorSpec(lower, params, text.replace(':', '_'));
  }

  /** TA-Lib's look-back: the index of the first value over a long enough gap-free input. */
  public static int lookback(IndicatorSpec spec) {
    Indicator indicator = validated(spec);
    return indicator.lookback().applyAsInt(indicator.values(spec.params()));
  }

  /** The lines of an indicator, in the order {@code compute} returns them; {@code [value]} for single-line ones. */
  public static List<String> lines(String name) {
    return indicator(name).lines();
  }

  /** Whether the indicator needs bars (high, low, close, volume) rather than one series. */
  public static boolean takesBars(String name) {
    return indicator(name).takesBars();
  }

  /** Computes any indicator over bars (single-series ones over close): one array per line, each as long as the bars. */
  public static Map<String, double[]> compute(IndicatorSpec spec, Bars bars) {
    Indicator indicator = validated(spec);
    return indicator.compute(indicator.values(spec.params()), Columns.of(bars));
  }

  /** Computes a single-series indicator over any series; bar-based ones are refused. */
  public static Map<String, double[]> compute(IndicatorSpec spec, double[] source) {
    Indicator indicator = validated(spec);
    if (indicator.takesBars()) {
      throw new IllegalArgumentException("'" + spec.name() + "' needs bars, not a single series");
    }
    return indicator.compute(indicator.values(spec.params()), Columns.of(source));
  }

  private static Indicator indicator(String name) {
    Indicator indicator = INDICATORS.get(name);
    if (indicator == null) {
      throw new IllegalArgumentException("unknown indicator '" + name + "'");
    }
    return indicator;
  }

  /** Specs can be built by hand, so computing re-checks what parsing checked. */
  private static Indicator validated(IndicatorSpec spec) {
    Indicator indicator = indicator(spec.name());
    check(indicator, spec.params(), text(spec.name(), spec.params()));
    return indicator;
  }

  private static void check(Indicator indicator, List<Double> params, String text) {
    String problem = indicator.problem(params);
    if (problem != null) {
      throw new IllegalArgumentException("bad parameter for '" + text + "': " + problem);
    }
  }

  private static String text(String name, List<Double> params) {
    return params.isEmpty()
        ? name
        : name + ":" + params.stream().map(Param::format).collect(Collectors.joining(":"));
  }
}
