package io.ndc.analysis.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree before type checking. {@link #print()} writes it back with only the parentheses precedence
 * needs, so printing and parsing again gives the same tree (and never more nodes than the original text).
 */
sealed interface Syntax {

  /** Precedence of a primary or postfix form: never needs parentheses. */
  int POSTFIX = 8;

  /** Where errors about this node point. */
  Position position();

  /** Where the node's text begins: errors about an operand point there. */
  default Position start() {
    return position();
  }

  default int precedence() {
    return POSTFIX;
  }

  String print();

  /** The printed operand, parenthesized when it binds looser than {@code min}. */
  static String operand(Syntax operand, int min) {
    return operand.precedence() < min ? "(" + operand.print() + ")" : operand.print();
  }

  /** A number as written: indicator parameters keep this spelling. */
  record Literal(String text, double value, Position position) implements Syntax {
    public String print() {
      return text;
    }
  }

  /** A series such as {@code close}. */
  record Name(String name, Position position) implements Syntax {
    public String print() {
      return name;
    }
  }

  record Unary(UnaryOperator operator, Syntax operand, Position position) implements Syntax {
    public int precedence() {
      return operator.precedence;
    }

    public String print() {
      return operator.symbol + Syntax.operand(operand, operator.precedence);
    }
  }

  /** {@code position} is the operator's. Left-associative; comparisons parenthesize both sides (they do not chain). */
  record Binary(BinaryOperator operator, Syntax left, Syntax right, Position position) implements Syntax {
    public Position start() {
      return left.start();
    }

    public int precedence() {
      return operator.precedence;
    }

    public String print() {
      int leftMin = operator.isComparison() ? operator.precedence + 1 : operator.precedence;
      return Syntax.operand(left, leftMin) + " " + operator.symbol + " " + Syntax.operand(right, operator.precedence + 1);
    }
  }

  record Call(String function, List<Syntax> arguments, Position position) implements Syntax {
    public String print() {
      return function + arguments.stream().map(Syntax::print).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** A form written after its target: {@code .line} or {@code [bars]}. */
  sealed interface Postfix extends Syntax {
    Syntax target();

    /** What follows the target in print. */
    String suffix();

    default Position start() {
      return target().start();
    }

    default String print() {
      return Syntax.operand(target(), POSTFIX) + suffix();
    }
  }

  /** {@code target.line}, e.g. {@code bollinger(close,20,2).upper}; {@code position} is the line name's. */
  record Member(Syntax target, String line, Position position) implements Postfix {
    public String suffix() {
      return "." + line;
    }
  }

  /** {@code target[bars]}: the value {@code bars} bars back; {@code position} is the '['. */
  record Index(Syntax target, int bars, Position position) implements Postfix {
    public String suffix() {
      return "[" + bars + "]";
    }
  }
}
