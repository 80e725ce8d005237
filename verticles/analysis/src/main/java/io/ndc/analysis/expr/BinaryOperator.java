package io.ndc.analysis.expr;

/** Binary operators with the precedence the parser gives them and the printer respects (higher binds tighter). */
enum BinaryOperator {
  OR("or", 1),
  AND("and", 2),
  LT("<", 4),
  LE("<=", 4),
  GT(">", 4),
  GE(">=", 4),
  EQ("==", 4),
  NE("!=", 4),
  ADD("+", 5),
  SUBTRACT("-", 5),
  MULTIPLY("*", 6),
  DIVIDE("/", 6);

  /** Comparisons sit between {@code not} (3) and arithmetic, and do not chain. */
  static final int COMPARISON = 4;

  final String symbol;
  final int precedence;

  BinaryOperator(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  boolean isComparison() {
    return precedence == COMPARISON;
  }

  boolean isLogical() {
    return this == AND || this == OR;
  }
}
