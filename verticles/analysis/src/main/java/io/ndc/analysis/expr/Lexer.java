package io.ndc.analysis.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits expression text into tokens, tracking line and column for every one. */
final class Lexer {

  private static final Map<String, TokenKind> KEYWORDS =
      Map.of("and", TokenKind.AND, "or", TokenKind.OR, "not", TokenKind.NOT);

  /** Habits from other languages, answered with what to write instead of a bare "unexpected character". */
  private static final Map<String, String> MISTAKES = Map.of(
      "=", "use '==' to compare",
      "!", "use 'not' or '!='",
      "&", "use 'and'",
      "|", "use 'or'");

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int offset;
  private int line = 1;
  private int column = 1;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    Lexer lexer = new Lexer(text);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      skipWhitespace();
      if (offset >= text.length()) {
        tokens.add(new Token(TokenKind.END, "", here()));
        return;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
      if (text.charAt(offset) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      offset++;
    }
  }

  private Token next() {
    Position start = here();
    char c = text.charAt(offset);
    if (isDigit(c)) {
      return take(TokenKind.NUMBER, numberLength(), start);
    }
    if (isNameStart(c)) {
      int end = offset + 1;
      while (end < text.length() && isNamePart(text.charAt(end))) {
        end++;
      }
      String word = text.substring(offset, end);
      return take(KEYWORDS.getOrDefault(word, TokenKind.IDENTIFIER), word.length(), start);
    }
    TokenKind two = offset + 1 < text.length() ? twoCharOperator(text.substring(offset, offset + 2)) : null;
    if (two != null) {
      return take(two, 2, start);
    }
    TokenKind one = oneCharOperator(c);
    if (one != null) {
      return take(one, 1, start);
    }
    String hint = MISTAKES.get(String.valueOf(c));
    throw new ExpressionException(
        "unexpected character " + quote(c) + (hint == null ? "" : ", " + hint), start);
  }

  /** Digits, an optional fraction and an optional exponent; a dot must be followed by a digit. */
  private int numberLength() {
    int end = digitsFrom(offset);
    if (end < text.length() && text.charAt(end) == '.') {
      int fraction = digitsFrom(end + 1);
      if (fraction == end + 1) {
        throw new ExpressionException("expected a digit after '.'", positionOf(end + 1));
      }
      end = fraction;
    }
    if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
      int sign = end + 1 < text.length() && (text.charAt(end + 1) == '+' || text.charAt(end + 1) == '-') ? end + 2 : end + 1;
      int exponent = digitsFrom(sign);
      if (exponent == sign) {
        throw new ExpressionException("expected a digit in the exponent", positionOf(sign));
      }
      end = exponent;
    }
    return end - offset;
  }

  private int digitsFrom(int from) {
    int end = from;
    while (end < text.length() && isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private Token take(TokenKind kind, int length, Position start) {
    String tokenText = text.substring(offset, offset + length);
    offset += length;
    column += length;
    return new Token(kind, tokenText, start);
  }

  private Position here() {
    return new Position(line, column);
  }

  /** Only called for offsets on the current line: numbers never span lines. */
  private Position positionOf(int at) {
    return new Position(line, column + at - offset);
  }

  private static TokenKind twoCharOperator(String s) {
    return switch (s) {
      case "<=" -> TokenKind.LE;
      case ">=" -> TokenKind.GE;
      case "==" -> TokenKind.EQ;
      case "!=" -> TokenKind.NE;
      default -> null;
    };
  }

  private static TokenKind oneCharOperator(char c) {
    return switch (c) {
      case '+' -> TokenKind.PLUS;
      case '-' -> TokenKind.MINUS;
      case '*' -> TokenKind.STAR;
      case '/' -> TokenKind.SLASH;
      case '<' -> TokenKind.LT;
      case '>' -> TokenKind.GT;
      case '(' -> TokenKind.LPAREN;
      case ')' -> TokenKind.RPAREN;
      case '[' -> TokenKind.LBRACKET;
      case ']' -> TokenKind.RBRACKET;
      case ',' -> TokenKind.COMMA;
      case '.' -> TokenKind.DOT;
      default -> null;
    };
  }

  private static String quote(char c) {
    return c < ' ' || c > '~' ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }
}
