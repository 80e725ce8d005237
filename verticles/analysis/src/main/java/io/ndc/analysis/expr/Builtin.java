package io.ndc.analysis.expr;

import java.util.Arrays;

/**
 * The functions of the language itself (indicators come from the catalog); built-ins win over indicator names.
 * Each is declared by its parameter list as error messages show it; a trailing {@code ...} repeats the last one.
 */
enum Builtin {
  CROSSOVER("a, b"),
  CROSSUNDER("a, b"),
  HIGHEST("x, bars"),
  LOWEST("x, bars"),
  CHANGE("x, bars"),
  ABS("x"),
  MIN("a, b, ..."),
  MAX("a, b, ...");

  final String name = name().toLowerCase();
  private final String parameters;
  private final boolean variadic;
  private final int arity;

  Builtin(String parameters) {
    this.parameters = parameters;
    this.variadic = parameters.endsWith("...");
    this.arity = parameters.split(",").length - (variadic ? 1 : 0);
  }

  static Builtin named(String name) {
    return Arrays.stream(values()).filter(b -> b.name.equals(name)).findFirst().orElse(null);
  }

  boolean accepts(int given) {
    return variadic ? given >= arity : given == arity;
  }

  /** E.g. {@code 2 or more arguments: min(a, b, ...)}. */
  String usage() {
    return arity + (variadic ? " or more" : "") + (arity == 1 ? " argument: " : " arguments: ") + name + "(" + parameters + ")";
  }
}
