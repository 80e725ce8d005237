package io.ndc.analysis.indicators;

import io.ndc.analysis.indicators.Columns.Input;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** What the catalog knows of one indicator: parameters, lines, the columns it reads, look-back and computation. */
record Indicator(
    String name,
    List<Param> params,
    List<String> lines,
    boolean takesBars,
    List<Input> inputs,
    ToIntFunction<double[]> lookback,
    Kernel kernel) {

  static final List<String> SINGLE = List.of("value");

  /** An indicator of one series (close, when given bars). */
  static Indicator series(String name, List<Param> params, List<String> lines, ToIntFunction<double[]> lookback,
      Kernel kernel) {
    return new Indicator(name, params, lines, false, List.of(Input.CLOSE), lookback, kernel);
  }

  static Indicator bars(String name, List<Param> params, List<String> lines, List<Input> inputs,
      ToIntFunction<double[]> lookback, Kernel kernel) {
    return new Indicator(name, params, lines, true, inputs, lookback, kernel);
  }

  /** Parameters as given, or every default when none are. */
  double[] values(List<Double> given) {
    return given.isEmpty()
        ? params.stream().mapToDouble(Param::fallback).toArray()
        : given.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Why these parameters are not acceptable, or null when they are. */
  String problem(List<Double> given) {
    if (given.isEmpty()) {
      return null;
    }
    if (given.size() != params.size()) {
      return params.isEmpty()
          ? "expected no parameters"
          : "expected " + params.size() + " parameter" + (params.size() == 1 ? "" : "s") + " ("
              + String.join(":", params.stream().map(Param::name).toList()) + ")";
    }
    for (int i = 0; i < params.size(); i++) {
      String problem = params.get(i).problem(given.get(i));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  Map<String, double[]> compute(double[] params, Columns in) {
    int n = in.size();
    double[][] out = new double[lines.size()][n];
    double[][] read = inputs.stream().map(input -> input.of(in)).toArray(double[][]::new);
    int from = 0;
    while (from < n) {
      int to = nextGap(read, from, n);
      if (to > from) {
        kernel.compute(in, params, from, to, out);
      }
      // a gap: the bars that lack an input have no value in any line
      while (to < n && !present(read, to)) {
        for (double[] line : out) {
          line[to] = Double.NaN;
        }
        to++;
      }
      from = to;
    }
    Map<String, double[]> result = new LinkedHashMap<>();
    for (int i = 0; i < out.length; i++) {
      result.put(lines.get(i), out[i]);
    }
    return result;
  }

  /** The first index from {@code from} where some input is NaN ({@code n} if none): one tight scan per column. */
  private static int nextGap(double[][] read, int from, int n) {
    int end = n;
    for (double[] column : read) {
      for (int i = from; i < end; i++) {
        if (column[i] != column[i]) {
          end = i;
          break;
        }
      }
    }
    return end;
  }

  private static boolean present(double[][] read, int i) {
    for (double[] column : read) {
      if (Double.isNaN(column[i])) {
        return false;
      }
    }
    return true;
  }
}
