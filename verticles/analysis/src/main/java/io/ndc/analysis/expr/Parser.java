package io.ndc.analysis.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar in docs/analysis.md, one method per precedence level. Every recursion step
 * creates a counted node (parentheses count too), so the node limit also bounds the recursion depth.
 */
final class Parser {

  private final List<Token> tokens;
  private final ExpressionLimits limits;
  private int next;
  private int nodes;

  private Parser(List<Token> tokens, ExpressionLimits limits) {
    this.tokens = tokens;
    this.limits = limits;
  }

  static Syntax parse(String text, ExpressionLimits limits) {
    if (text.length() > limits.maxLength()) {
      throw new ExpressionException(
          "expression is " + text.length() + " characters, the limit is " + limits.maxLength(), endOfLimit(text, limits));
    }
    Parser parser = new Parser(Lexer.tokens(text), limits);
    Syntax tree = parser.or();
    Token after = parser.peek();
    if (after.kind() != TokenKind.END) {
      throw new ExpressionException("unexpected " + after.describe() + " after the expression", after.position());
    }
    return tree;
  }

  /** The first character beyond the length limit: where the text stops being acceptable. */
  private static Position endOfLimit(String text, ExpressionLimits limits) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < limits.maxLength(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Position(line, column);
  }

  private Syntax or() {
    Syntax left = and();
    while (peek().kind() == TokenKind.OR) {
      Token operator = take();
      left = new Syntax.Binary(BinaryOperator.OR, left, and(), counted(operator));
    }
    return left;
  }

  private Syntax and() {
    Syntax left = not();
    while (peek().kind() == TokenKind.AND) {
      Token operator = take();
      left = new Syntax.Binary(BinaryOperator.AND, left, not(), counted(operator));
    }
    return left;
  }

  private Syntax not() {
    if (peek().kind() == TokenKind.NOT) {
      Position position = counted(take());
      return new Syntax.Unary(UnaryOperator.NOT, not(), position);
    }
    return comparison();
  }

  private Syntax comparison() {
    Syntax left = additive();
    BinaryOperator operator = comparisonOperator(peek().kind());
    if (operator == null) {
      return left;
    }
    Position position = counted(take());
    Syntax comparison = new Syntax.Binary(operator, left, additive(), position);
    if (comparisonOperator(peek().kind()) != null) {
      throw new ExpressionException("comparisons do not chain, join them with 'and'", peek().position());
    }
    return comparison;
  }

  private Syntax additive() {
    Syntax left = multiplicative();
    while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
      Token operator = take();
      BinaryOperator op = operator.kind() == TokenKind.PLUS ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
      left = new Syntax.Binary(op, left, multiplicative(), counted(operator));
    }
    return left;
  }

  private Syntax multiplicative() {
    Syntax left = unary();
    while (peek().kind() == TokenKind.STAR || peek().kind() == TokenKind.SLASH) {
      Token operator = take();
      BinaryOperator op = operator.kind() == TokenKind.STAR ? BinaryOperator.MULTIPLY : BinaryOperator.DIVIDE;
      left = new Syntax.Binary(op, left, unary(), counted(operator));
    }
    return left;
  }

  private Syntax unary() {
    if (peek().kind() == TokenKind.MINUS) {
      Position position = counted(take());
      return new Syntax.Unary(UnaryOperator.NEGATE, unary(), position);
    }
    return postfix();
  }

  private Syntax postfix() {
    Syntax target = primary();
    while (true) {
      if (peek().kind() == TokenKind.LBRACKET) {
        Position position = counted(take());
        int bars = historyIndex(expect(TokenKind.NUMBER, "a history index such as [1]"));
        expect(TokenKind.RBRACKET, null);
        target = new Syntax.Index(target, bars, position);
      } else if (peek().kind() == TokenKind.DOT) {
        take();
        Token line = expect(TokenKind.IDENTIFIER, "a line name such as .upper");
        target = new Syntax.Member(target, line.text(), counted(line));
      } else {
        return target;
      }
    }
  }

  private Syntax primary() {
    Token token = peek();
    switch (token.kind()) {
      case NUMBER -> {
        take();
        return new Syntax.Literal(token.text(), Double.parseDouble(token.text()), counted(token));
      }
      case IDENTIFIER -> {
        take();
        Position position = counted(token);
        if (peek().kind() != TokenKind.LPAREN) {
          return new Syntax.Name(token.text(), position);
        }
        take();
        return new Syntax.Call(token.text(), arguments(), position);
      }
      case LPAREN -> {
        counted(take());
        Syntax inner = or();
        expect(TokenKind.RPAREN, null);
        return inner;
      }
      default -> throw new ExpressionException("expected an expression", token.position());
    }
  }

  /** After the '(' of a call: zero or more comma-separated arguments and the ')'. */
  private List<Syntax> arguments() {
    List<Syntax> arguments = new ArrayList<>();
    if (peek().kind() == TokenKind.RPAREN) {
      take();
      return arguments;
    }
    arguments.add(or());
    while (peek().kind() == TokenKind.COMMA) {
      take();
      arguments.add(or());
    }
    expect(TokenKind.RPAREN, null);
    return arguments;
  }

  /** A whole number of bars back, at most the look-back limit (so it always fits an int). */
  private int historyIndex(Token number) {
    if (!number.text().chars().allMatch(Character::isDigit)) {
      throw new ExpressionException("a history index is a whole number of bars, not " + number.text(), number.position());
    }
    BigInteger bars = new BigInteger(number.text());
    if (bars.compareTo(BigInteger.valueOf(limits.maxLookback())) > 0) {
      throw new ExpressionException(
          "history index " + number.text() + " is beyond the look-back limit of " + limits.maxLookback() + " bars",
          number.position());
    }
    return bars.intValue();
  }

  private Position counted(Token token) {
    if (++nodes > limits.maxNodes()) {
      throw new ExpressionException("expression has more than " + limits.maxNodes() + " syntax nodes", token.position());
    }
    return token.position();
  }

  private Token expect(TokenKind kind, String what) {
    Token token = peek();
    if (token.kind() != kind) {
      throw new ExpressionException("expected " + (what == null ? kind.symbol : what), token.position());
    }
    return take();
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    return tokens.get(next++);
  }

  private static BinaryOperator comparisonOperator(TokenKind kind) {
    return switch (kind) {
      case LT -> BinaryOperator.LT;
      case LE -> BinaryOperator.LE;
      case GT -> BinaryOperator.GT;
      case GE -> BinaryOperator.GE;
      case EQ -> BinaryOperator.EQ;
      case NE -> BinaryOperator.NE;
      default -> null;
    };
  }
}
