package io.ndc.analysis.indicators;

/**
 * The computation of one indicator over the gap-free run {@code [from, to)} of its input columns. It writes
 * every position of that run in each output line: NaN for the warm-up, values after it. Runs let one NaN in the
 * input restart the indicator after the gap instead of poisoning every running sum behind it.
 */
@FunctionalInterface
interface Kernel {
  void compute(Columns in, double[] params, int from, int to, double[][] out);
}
