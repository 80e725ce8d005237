package io.ndc.analysis.indicators;

/**
 * TA-Lib's tests for zero. They are absolute (1e-8), so TA-Lib answers 0 for RSI, DI and ADX when the moves it
 * divides by are tiny, and a standard deviation of 0 below a variance of 1e-8; values equal TA-Lib's only if we
 * test the same way.
 */
final class TaLibMath {
  private TaLibMath() {}

  private static final double EPSILON = 0.00000001;

  static boolean isZero(double v) {
    return -EPSILON < v && v < EPSILON;
  }

  static boolean isZeroOrNegative(double v) {
    return v < EPSILON;
  }
}
