package io.ndc.analysis.expr;

/** Where something is in the expression text: 1-based line and column, as error messages show them. */
public record Position(int line, int column) {

  static final Position START = new Position(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
