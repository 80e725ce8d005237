package io.ndc.analysis.expr;

/**
 * A parse, type or limit error in an expression. The message always ends with {@code " at L:C"} (1-based) so a
 * 400 answer can show it as is; {@link #reason()} is the message without the position.
 *
 * <p>It is an {@link IllegalArgumentException} because the expression is an argument of the request: code that
 * maps bad arguments to 400 needs nothing special for it.
 */
public final class ExpressionException extends IllegalArgumentException {

  private final String reason;
  private final Position position;

  public ExpressionException(String reason, Position position) {
    super(reason + " at " + position);
    this.reason = reason;
    this.position = position;
  }

  public String reason() {
    return reason;
  }

  public Position position() {
    return position;
  }

  public int line() {
    return position.line();
  }

  public int column() {
    return position.column();
  }
}
