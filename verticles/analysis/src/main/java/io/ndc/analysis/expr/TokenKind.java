package io.ndc.analysis.expr;

/** The tokens of the language; {@code symbol} is how error messages name the expected token. */
enum TokenKind {
  NUMBER("a number"),
  IDENTIFIER("a name"),
  AND("'and'"),
  OR("'or'"),
  NOT("'not'"),
  PLUS("'+'"),
  MINUS("'-'"),
  STAR("'*'"),
  SLASH("'/'"),
  LT("'<'"),
  LE("'<='"),
  GT("'>'"),
  GE("'>='"),
  EQ("'=='"),
  NE("'!='"),
  LPAREN("'('"),
  RPAREN("')'"),
  LBRACKET("'['"),
  RBRACKET("']'"),
  COMMA("','"),
  DOT("'.'"),
  END("end of expression");

  final String symbol;

  TokenKind(String symbol) {
    this.symbol = symbol;
  }
}
