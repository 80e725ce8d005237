package io.ndc.analysis.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;

/** TA-Lib's Java port with default settings, its outputs placed on the input's index (NaN before outBegIdx). */
final class TaLib {
  private TaLib() {}

  static final Core CORE = new Core();

  /** One call of a TA-Lib function over the whole input, {@code 0..n-1}. */
  @FunctionalInterface
  interface Call {
    RetCode run(int startIdx, int endIdx, MInteger outBegIdx, MInteger outNbElement, double[][] outs);
  }

  /** Runs the call over {@code n} inputs and returns its {@code lines} outputs, each as long as the input. */
  static double[][] run(int n, int lines, Call call) {
    double[][] raw = new double[lines][n];
    MInteger begin = new MInteger();
    MInteger count = new MInteger();
    RetCode code = call.run(0, n - 1, begin, count, raw);
    assertThat(code).isEqualTo(RetCode.Success);
    double[][] placed = new double[lines][n];
    for (int line = 0; line < lines; line++) {
      Arrays.fill(placed[line], Double.NaN);
      System.arraycopy(raw[line], 0, placed[line], begin.value, count.value);
    }
    return placed;
  }
}
