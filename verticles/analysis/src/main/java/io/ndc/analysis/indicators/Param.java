package io.ndc.analysis.indicators;

/** One parameter of an indicator: what it is called in messages, its range, and its value when omitted. */
record Param(String name, boolean whole, double min, double max, double fallback) {

  /** A period: a whole number of bars, capped by the expression look-back limit of SPEC §9. */
  static Param period(String name, int min, int fallback) {
    return new Param(name, true, min, MAX_PERIOD, fallback);
  }

  static Param number(String name, double min, double max, double fallback) {
    return new Param(name, false, min, max, fallback);
  }

  static final int MAX_PERIOD = 5000;

  /** Why {@code value} is not acceptable, or null when it is. */
  String problem(double value) {
    boolean inRange = value >= min && value <= max;
    if (whole && (!inRange || value != Math.rint(value))) {
      return name + " must be a whole number " + format(min) + ".." + format(max);
    }
    return inRange ? null : name + " must be " + format(min) + ".." + format(max);
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
