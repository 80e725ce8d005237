package io.ndc.contract;

import java.util.Locale;

/**
 * The one symbol rule of NDC, applied wherever a symbol enters (ingest, collectors, stream subscriptions, REST
 * paths), so a symbol one part accepts every other part accepts too: upper-case letters and digits, then also
 * {@code . - _ ^ = :} ({@code BRK.B}, {@code ^GSPC}, {@code EURUSD=X}, {@code BINANCE:BTCUSDT}), at most
 * {@value #MAX_LENGTH} characters. Input is trimmed and upper-cased first. {@link MarketAddresses#ALL_SYMBOLS} is
 * not a symbol; where it is allowed the caller checks for it.
 */
public final class Symbols {
  public static final int MAX_LENGTH = 32;
  /** The rule in words, for error messages. */
  public static final String RULE = "upper-case letters and digits, then also . - _ ^ = :, at most " + MAX_LENGTH
      + " characters";
  private static final String PUNCTUATION = ".-_^=:";
  /** The rule as a regular expression, for the places that match addresses rather than check symbols (bridges). */
  public static final String REGEX = "[A-Z0-9][A-Z0-9.\\-_^=:]{0," + (MAX_LENGTH - 1) + "}";

  private Symbols() {
  }

  /** Whether {@code symbol} is a symbol as stored (already trimmed and upper-case); checked by hand, once per row. */
  public static boolean valid(String symbol) {
    int length = symbol == null ? 0 : symbol.length();
    if (length == 0 || length > MAX_LENGTH || !alphanumeric(symbol.charAt(0))) {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = symbol.charAt(i);
      if (!alphanumeric(c) && PUNCTUATION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Trimmed and upper-cased; null when absent or blank; {@link IllegalArgumentException} naming the rule otherwise. */
  public static String normalize(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String symbol = value.toString().trim().toUpperCase(Locale.ROOT);
    if (!valid(symbol)) {
      throw new IllegalArgumentException("symbol '" + value + "' is not a valid symbol (" + RULE + ")");
    }
    return symbol;
  }

  private static boolean alphanumeric(char c) {
    return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
