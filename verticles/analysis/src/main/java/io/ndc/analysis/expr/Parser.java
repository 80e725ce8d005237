package io.ndc.analysis.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

  private static final Map<TokenKind, BinaryOperator> OR = Map.of(TokenKind.OR, BinaryOperator.OR);
  private static final Map<TokenKind, BinaryOperator> AND = Map.of(TokenKind.AND, BinaryOperator.AND);
  private static final Map<TokenKind, BinaryOperator> COMPARISON = Map.of(
      TokenKind.LT, BinaryOperator.LT, TokenKind.LE, BinaryOperator.LE, TokenKind.GT, BinaryOperator.GT,
      TokenKind.GE, BinaryOperator.GE, TokenKind.EQ, BinaryOperator.EQ, TokenKind.NE, BinaryOperator.NE);
  private static final Map<TokenKind, BinaryOperator> ADDITIVE =
      Map.of(TokenKind.PLUS, BinaryOperator.ADD, TokenKind.MINUS, BinaryOperator.SUBTRACT);
  private static final Map<TokenKind, BinaryOperator> MULTIPLICATIVE =
      Map.of(TokenKind.STAR, BinaryOperator.MULTIPLY, TokenKind.SLASH, BinaryOperator.DIVIDE);

  private Syntax or() {
    return leftAssociative(OR, this::and);
  }

  private Syntax and() {
    return leftAssociative(AND, this::not);
  }

  private Syntax not() {
    if (peek().kind() == TokenKind.NOT) {
      Position position = counted(take());
      return new Syntax.Unary(UnaryOperator.NOT, not(), position);
    }
    return comparison();
  }

  /** At most one comparison: {@code a < b < c} is refused with a hint rather than typed as a boolean compared. */
  private Syntax comparison() {
    Syntax left = additive();
    BinaryOperator operator = COMPARISON.get(peek().kind());
    if (operator == null) {
      return left;
    }
    Position position = counted(take());
    Syntax comparison = new Syntax.Binary(operator, left, additive(), position);
    if (COMPARISON.containsKey(peek().kind())) {
      throw new ExpressionException("comparisons do not chain, join them with 'and'", peek().position());
    }
    return comparison;
  }

  private Syntax additive() {
    return leftAssociative(ADDITIVE, this::multiplicative);
  }

  private Syntax multiplicative() {
    return leftAssociative(MULTIPLICATIVE, this::unary);
  }

  /** {@code operand { operator operand }}, folded to the left. */
  private Syntax leftAssociative(Map<TokenKind, BinaryOperator> operators, Supplier<Syntax> operand) {
    Syntax left = operand.get();
    BinaryOperator operator;
    while ((operator = operators.get(peek().kind())) != null) {
      Position position = counted(take());
      left = new Syntax.Binary(operator, left, operand.get(), position);
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
}
