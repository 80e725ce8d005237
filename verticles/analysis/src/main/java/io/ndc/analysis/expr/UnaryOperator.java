package io.ndc.analysis.expr;

/** Prefix operators: {@code not} binds looser than comparisons ({@code not a < b} is {@code not (a < b)}). */
enum UnaryOperator {
  NOT("not ", 3),
  NEGATE("-", 7);

  final String symbol;
  final int precedence;

  UnaryOperator(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }
}
