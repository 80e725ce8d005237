package io.ndc.analysis.expr;

import java.util.List;

/**
 * Turns the parse tree into evaluable terms, checking types, function arities and the look-back limit on the way;
 * every error points at the node it is about. Indicator calls are resolved by {@link IndicatorCalls}.
 */
final class Checker {

  private final ExpressionLimits limits;
  private final IndicatorCalls indicators = new IndicatorCalls(this);

  Checker(ExpressionLimits limits) {
    this.limits = limits;
  }

  Term check(Syntax syntax) {
    Term term = resolve(syntax);
    if (term.lookback() > limits.maxLookback()) {
      throw new ExpressionException(
          "expression needs " + term.lookback() + " bars of history, the limit is " + limits.maxLookback(), syntax.start());
    }
    return term;
  }

  /** A term that must be a number; {@code user} names what needs it in the error, e.g. {@code "'+'"}. */
  Term.Numeric number(Syntax syntax, String user) {
    Term term = check(syntax);
    if (term instanceof Term.Numeric numeric) {
      return numeric;
    }
    throw mismatch(user, ValueType.NUMBER, term, syntax);
  }

  Term.Bool bool(Syntax syntax, String user) {
    Term term = check(syntax);
    if (term instanceof Term.Bool bool) {
      return bool;
    }
    throw mismatch(user, ValueType.BOOLEAN, term, syntax);
  }

  private static ExpressionException mismatch(String user, ValueType wanted, Term found, Syntax syntax) {
    return new ExpressionException(user + " needs " + wanted.article + ", found " + found.type().article, syntax.start());
  }

  private Term resolve(Syntax syntax) {
    if (syntax instanceof Syntax.Literal literal) {
      if (!Double.isFinite(literal.value())) {
        throw new ExpressionException("number " + literal.text() + " is out of range", literal.position());
      }
      return new Constant(literal.value());
    }
    if (syntax instanceof Syntax.Name name) {
      return column(name);
    }
    if (syntax instanceof Syntax.Unary unary) {
      return unary.operator() == UnaryOperator.NOT
          ? new Negation(bool(unary.operand(), "'not'"))
          : new Elementwise(Elementwise.Function.NEGATE, number(unary.operand(), "'-'"));
    }
    if (syntax instanceof Syntax.Binary binary) {
      return binary(binary);
    }
    if (syntax instanceof Syntax.Index index) {
      Term target = check(index.target());
      return target instanceof Term.Bool bool
          ? new History.OfBoolean(bool, index.bars())
          : new History.OfNumber((Term.Numeric) target, index.bars());
    }
    if (syntax instanceof Syntax.Member member) {
      if (member.target() instanceof Syntax.Call call && indicators.isIndicator(call.function())) {
        return indicators.line(call, member);
      }
      check(member.target()); // its own error first: bollinger(close,20,2)[1].upper misses a line at the call
      throw new ExpressionException(
          "'." + member.line() + "' picks a line of an indicator, e.g. bollinger(close, 20, 2).upper", member.position());
    }
    return call((Syntax.Call) syntax);
  }

  private Term column(Syntax.Name name) {
    return Column.named(name.name()).orElseThrow(() -> {
      boolean function = Builtin.named(name.name()) != null || indicators.isIndicator(name.name());
      return new ExpressionException(
          function
              ? "'" + name.name() + "' is a function, call it: " + name.name() + "(...)"
              : "unknown series '" + name.name() + "' (series are open, high, low, close, volume)",
          name.position());
    });
  }

  private Term binary(Syntax.Binary binary) {
    BinaryOperator operator = binary.operator();
    String user = "'" + operator.symbol + "'";
    if (operator.isLogical()) {
      return new Logic(operator == BinaryOperator.AND, bool(binary.left(), user), bool(binary.right(), user));
    }
    Term.Numeric left = number(binary.left(), user);
    Term.Numeric right = number(binary.right(), user);
    return switch (operator) {
      case ADD -> new Arithmetic(Arithmetic.Operation.ADD, left, right);
      case SUBTRACT -> new Arithmetic(Arithmetic.Operation.SUBTRACT, left, right);
      case MULTIPLY -> new Arithmetic(Arithmetic.Operation.MULTIPLY, left, right);
      case DIVIDE -> new Arithmetic(Arithmetic.Operation.DIVIDE, left, right);
      default -> new Comparison(Comparison.Operation.valueOf(operator.name()), left, right);
    };
  }

  private Term call(Syntax.Call call) {
    Builtin builtin = Builtin.named(call.function());
    if (builtin != null) {
      return builtin(builtin, call);
    }
    if (indicators.isIndicator(call.function())) {
      return indicators.line(call, null);
    }
    throw new ExpressionException("unknown function '" + call.function() + "'", call.position());
  }

  private Term builtin(Builtin builtin, Syntax.Call call) {
    List<Syntax> args = call.arguments();
    if (!builtin.accepts(args.size())) {
      throw new ExpressionException("'" + builtin.name + "' takes " + builtin.usage(), call.position());
    }
    String user = "'" + builtin.name + "'";
    return switch (builtin) {
      case CROSSOVER, CROSSUNDER -> crossing(builtin == Builtin.CROSSOVER, number(args.get(0), user), number(args.get(1), user));
      case HIGHEST, LOWEST ->
          new RollingExtreme(builtin == Builtin.HIGHEST, number(args.get(0), user), bars(args.get(1), builtin));
      case CHANGE -> change(number(args.get(0), user), bars(args.get(1), builtin));
      case ABS -> new Elementwise(Elementwise.Function.ABS, number(args.get(0), user));
      case MIN, MAX -> {
        Arithmetic.Operation operation = builtin == Builtin.MIN ? Arithmetic.Operation.MIN : Arithmetic.Operation.MAX;
        Term.Numeric folded = number(args.get(0), user);
        for (Syntax arg : args.subList(1, args.size())) {
          folded = new Arithmetic(operation, folded, number(arg, user));
        }
        yield folded;
      }
    };
  }

  /**
   * {@code crossover(a,b)} is {@code a > b and a[1] <= b[1]}, {@code crossunder(a,b)} is {@code a < b and a[1] >= b[1]}:
   * built from those terms so it has their null rules (false whenever {@code a > b} is false, even on the first bar).
   */
  private static Term crossing(boolean over, Term.Numeric a, Term.Numeric b) {
    Term.Numeric x = new Shared(a);
    Term.Numeric y = new Shared(b);
    Comparison now = new Comparison(over ? Comparison.Operation.GT : Comparison.Operation.LT, x, y);
    Comparison before = new Comparison(
        over ? Comparison.Operation.LE : Comparison.Operation.GE, new History.OfNumber(x, 1), new History.OfNumber(y, 1));
    return new Logic(true, now, before);
  }

  /** {@code change(x,n)} is {@code (x - x[n]) / x[n] * 100}: percent, null where {@code x[n]} is 0 or null. */
  private static Term change(Term.Numeric operand, int bars) {
    Term.Numeric x = new Shared(operand);
    Term.Numeric base = new Shared(new History.OfNumber(x, bars));
    Term.Numeric difference = new Arithmetic(Arithmetic.Operation.SUBTRACT, x, base);
    Term.Numeric ratio = new Arithmetic(Arithmetic.Operation.DIVIDE, difference, base);
    return new Arithmetic(Arithmetic.Operation.MULTIPLY, ratio, new Constant(100));
  }

  /** A window or distance in bars: a whole-number literal from 1 up to the look-back limit. */
  private int bars(Syntax syntax, Builtin builtin) {
    if (syntax instanceof Syntax.Literal literal
        && literal.value() >= 1
        && literal.value() == Math.rint(literal.value())
        && literal.value() <= limits.maxLookback() + 1) {
      return (int) literal.value();
    }
    throw new ExpressionException(
        "the second argument of '" + builtin.name + "' is a whole number of bars from 1 to " + (limits.maxLookback() + 1),
        syntax.start());
  }
}
