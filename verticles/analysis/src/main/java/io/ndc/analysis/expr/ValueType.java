package io.ndc.analysis.expr;

/** What an expression evaluates to at each bar. */
public enum ValueType {
  NUMBER("a number"),
  BOOLEAN("a boolean");

  /** How type errors name it. */
  final String article;

  ValueType(String article) {
    this.article = article;
  }
}
