package io.ndc.analysis.expr;

import java.util.Arrays;

/** The functions of the language itself (indicators come from the catalog); built-ins win over indicator names. */
enum Builtin {
  CROSSOVER(2, 2, "2 arguments: crossover(a, b)"),
  CROSSUNDER(2, 2, "2 arguments: crossunder(a, b)"),
  HIGHEST(2, 2, "2 arguments: highest(x, bars)"),
  LOWEST(2, 2, "2 arguments: lowest(x, bars)"),
  CHANGE(2, 2, "2 arguments: change(x, bars)"),
  ABS(1, 1, "1 argument: abs(x)"),
  MIN(2, Integer.MAX_VALUE, "2 or more arguments: min(a, b, ...)"),
  MAX(2, Integer.MAX_VALUE, "2 or more arguments: max(a, b, ...)");

  final String name = name().toLowerCase();
  final String usage;
  private final int minArity;
  private final int maxArity;

  Builtin(int minArity, int maxArity, String usage) {
    this.minArity = minArity;
    this.maxArity = maxArity;
    this.usage = usage;
  }

  static Builtin named(String name) {
    return Arrays.stream(values()).filter(b -> b.name.equals(name)).findFirst().orElse(null);
  }

  boolean accepts(int arity) {
    return arity >= minArity && arity <= maxArity;
  }
}
