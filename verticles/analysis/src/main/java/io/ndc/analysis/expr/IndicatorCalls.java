package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.IndicatorCatalog;
import io.ndc.analysis.indicators.IndicatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps an indicator call to the catalog: {@code f(series, p1, p2)} is {@code IndicatorCatalog.parse("f:p1:p2")}
 * with the parameters spelled as written, over that series; an indicator that takes the bar has parameters only
 * ({@code atr(14)}). The catalog judges names and parameters; its message becomes the error at the call.
 */
final class IndicatorCalls {

  private final Checker checker;

  IndicatorCalls(Checker checker) {
    this.checker = checker;
  }

  boolean isIndicator(String name) {
    return IndicatorCatalog.names().contains(name);
  }

  /** The line {@code member} names, or the only line when {@code member} is null. */
  Term.Numeric line(Syntax.Call call, Syntax.Member member) {
    String name = call.function();
    boolean takesBars = IndicatorCatalog.takesBars(name);
    List<Syntax> args = call.arguments();
    Term.Numeric source = takesBars ? null : source(call);
    List<Syntax> params = takesBars ? args : args.subList(1, args.size());
    String text = name + params.stream().map(p -> ":" + parameter(p, call, takesBars)).collect(Collectors.joining());
    checkArity(call, takesBars, params.size());
    IndicatorSpec spec;
    try {
      spec = IndicatorCatalog.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(e.getMessage(), call.position());
    }
    String memoKey = source == null ? spec.key() : spec.key() + "(" + args.get(0).print() + ")";
    return new IndicatorLine(spec, lineName(call, member), source, memoKey);
  }

  private Term.Numeric source(Syntax.Call call) {
    List<Syntax> args = call.arguments();
    if (args.isEmpty() || args.get(0) instanceof Syntax.Literal) {
      throw new ExpressionException(
          "'" + call.function() + "' takes a series first, e.g. " + call.function() + "(close, ...)", call.position());
    }
    return checker.number(args.get(0), "'" + call.function() + "'");
  }

  /**
   * Every parameter is required: the catalog would take none as "the defaults", but in an expression a forgotten
   * parameter is a mistake more often than a choice, and the full call says what it computes.
   */
  private static void checkArity(Syntax.Call call, boolean takesBars, int given) {
    List<String> names = IndicatorCatalog.parameters(call.function());
    if (given == names.size()) {
      return;
    }
    String takes = names.isEmpty()
        ? "no parameters"
        : names.size() + (names.size() == 1 ? " parameter (" : " parameters (") + String.join(", ", names) + ")";
    List<String> usage = new ArrayList<>(names);
    if (!takesBars) {
      usage.add(0, "series");
    }
    throw new ExpressionException(
        "'" + call.function() + "' takes " + (takesBars ? "" : "a series and ") + takes + ": "
            + call.function() + "(" + String.join(", ", usage) + ")",
        call.position());
  }

  /** A parameter as written: a number literal, or a negated one. */
  private static String parameter(Syntax param, Syntax.Call call, boolean takesBars) {
    if (param instanceof Syntax.Literal literal) {
      return literal.text();
    }
    if (param instanceof Syntax.Unary unary
        && unary.operator() == UnaryOperator.NEGATE
        && unary.operand() instanceof Syntax.Literal literal) {
      return "-" + literal.text();
    }
    String name = call.function();
    throw new ExpressionException(
        takesBars
            ? "'" + name + "' is computed from the whole bar and takes only numbers: " + name + "(...)"
            : "parameters of '" + name + "' are numbers written out, e.g. " + name + "(close, 14)",
        param.start());
  }

  private static String lineName(Syntax.Call call, Syntax.Member member) {
    String name = call.function();
    List<String> lines = IndicatorCatalog.lines(name);
    if (member == null) {
      if (lines.size() > 1) {
        throw new ExpressionException(
            "'" + name + "' has several lines (" + String.join(", ", lines) + "), pick one: " + name + "(...)." + lines.get(0),
            call.position());
      }
      return lines.get(0);
    }
    if (lines.size() == 1) {
      throw new ExpressionException("'" + name + "' has a single line, '." + member.line() + "' does not apply", member.position());
    }
    if (!lines.contains(member.line())) {
      throw new ExpressionException(
          "'" + name + "' has no line '" + member.line() + "' (" + String.join(", ", lines) + ")", member.position());
    }
    return member.line();
  }
}
