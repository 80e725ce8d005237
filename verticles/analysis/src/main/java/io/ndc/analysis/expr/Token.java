package io.ndc.analysis.expr;

/** One token with its text as written (numbers keep their spelling: indicator params are written as given). */
record Token(TokenKind kind, String text, Position position) {

  /** How an error message quotes what it found instead of what it expected. */
  String describe() {
    return kind == TokenKind.END ? kind.symbol : "'" + text + "'";
  }
}
