package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.Bars;

/**
 * A parsed and type-checked expression over bar series (language in docs/analysis.md, "Expressions"). Parse once,
 * evaluate over any number of bar sets: instances are immutable and safe to share between threads.
 */
public final class Expression {

  private final Syntax syntax;
  private final Term root;

  private Expression(Syntax syntax, Term root) {
    this.syntax = syntax;
    this.root = root;
  }

  public static Expression parse(String text) {
    return parse(text, ExpressionLimits.DEFAULTS);
  }

  /** @throws ExpressionException for a syntax, type or limit error, with its position */
  public static Expression parse(String text, ExpressionLimits limits) {
    Syntax syntax = Parser.parse(text, limits);
    return new Expression(syntax, new Checker(limits).check(syntax));
  }

  public ValueType type() {
    return root.type();
  }

  /**
   * Bars needed before the first bar with a value: the sum along the deepest path of indicator look-backs,
   * history indices and windows. Fetch this many bars before a range so its first bar has a value.
   */
  public int lookback() {
    return root.lookback();
  }

  /** One value per bar: a {@link NumberSeries} or a {@link BooleanSeries} as {@link #type()} says. */
  public Series evaluate(Bars bars) {
    Evaluation evaluation = new Evaluation(bars);
    return root instanceof Term.Bool bool
        ? new BooleanSeries(bool.evaluate(evaluation).clone())
        : new NumberSeries(((Term.Numeric) root).evaluate(evaluation).clone());
  }

  /** The value at bar {@code i}: {@code Double}, {@code Boolean} or {@code null}. */
  public Object valueAt(Bars bars, int i) {
    return evaluate(bars).valueAt(i);
  }

  /** The expression in canonical form: minimal parentheses, single spaces; parsing it gives the same tree. */
  @Override
  public String toString() {
    return syntax.print();
  }
}
