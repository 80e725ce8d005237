package io.ndc.analysis.expr;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random well-formed expressions, written the way people write them (spacing, redundant parentheses), from the
 * grammar: number and boolean expressions of bounded depth.
 *
 * @param indicators whether calls to the catalog's moving averages appear (they remember their whole history,
 *     so properties about exact windows leave them out)
 */
record ExpressionGenerators(boolean indicators) {

  Arbitrary<String> number(int depth) {
    Arbitrary<String> leaf = Arbitraries.oneOf(
        Arbitraries.of("open", "high", "low", "close", "volume"),
        Arbitraries.integers().between(0, 500).map(String::valueOf),
        Arbitraries.of("0.5", "1.25", "2e1", "100.0"));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> number(depth - 1));
    Arbitrary<Integer> bars = Arbitraries.integers().between(1, 6);
    Arbitrary<String> composite = Arbitraries.oneOf(
        Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", " + ", " * "), sub).as((a, op, b) -> a + op + b),
        Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/"), sub).as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
        sub.map(a -> "-" + a),
        sub.map(a -> "(" + a + ")"),
        Combinators.combine(sub, Arbitraries.integers().between(0, 5)).as((a, n) -> "(" + a + ")[" + n + "]"),
        sub.map(a -> "abs(" + a + ")"),
        Combinators.combine(sub, sub).as((a, b) -> "min(" + a + ", " + b + ")"),
        Combinators.combine(sub, sub, sub).as((a, b, c) -> "max(" + a + "," + b + "," + c + ")"),
        Combinators.combine(Arbitraries.of("highest", "lowest", "change"), sub, bars).as((f, a, n) -> f + "(" + a + ", " + n + ")"));
    if (indicators) {
      composite = Arbitraries.oneOf(composite,
          Combinators.combine(Arbitraries.of("sma", "ema", "wma"), sub, Arbitraries.integers().between(2, 8))
              .as((f, a, n) -> f + "(close - " + a + ", " + n + ")"));
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, leaf),
        net.jqwik.api.Tuple.of(3, composite));
  }

  Arbitrary<String> bool(int depth) {
    Arbitrary<String> comparison = Combinators.combine(
        number(Math.max(0, depth - 1)), Arbitraries.of("<", "<=", ">", ">=", "==", "!="), number(Math.max(0, depth - 1)))
        .as((a, op, b) -> a + " " + op + " " + b);
    Arbitrary<String> crossing = Combinators.combine(
        Arbitraries.of("crossover", "crossunder"), number(Math.max(0, depth - 1)), number(Math.max(0, depth - 1)))
        .as((f, a, b) -> f + "(" + a + ", " + b + ")");
    if (depth == 0) {
      return Arbitraries.oneOf(comparison, crossing);
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> bool(depth - 1));
    return Arbitraries.oneOf(
        comparison,
        crossing,
        Combinators.combine(sub, Arbitraries.of("and", "or"), sub).as((a, op, b) -> a + " " + op + " " + b),
        Combinators.combine(sub, Arbitraries.of("and", "or"), sub).as((a, op, b) -> "(" + a + ") " + op + " (" + b + ")"),
        sub.map(a -> "not " + a),
        Combinators.combine(sub, Arbitraries.integers().between(0, 3)).as((a, n) -> "(" + a + ")[" + n + "]"));
  }
}
