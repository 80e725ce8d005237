package io.ndc.storage.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written readers of the per-row hot path agree with the regular expression and the JDK parser they replace. */
class RowValuesProperties {
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-_^=]{0,31}");

  @Property(tries = 2000)
  void symbolsAreAcceptedExactlyWhenTheSymbolPatternMatches(@ForAll("symbolLike") String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT);
    if (normalized.isEmpty()) {
      assertThat(RowValues.symbol(text)).isNull();
    } else if (SYMBOL.matcher(normalized).matches()) {
      assertThat(RowValues.symbol(text)).isEqualTo(normalized);
    } else {
      assertThatThrownBy(() -> RowValues.symbol(text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a valid symbol");
    }
  }

  @Provide
  Arbitrary<String> symbolLike() {
    return Arbitraries.strings().withChars("aZ09.-_^= /$é\t").ofMinLength(0).ofMaxLength(36);
  }

  @Property(tries = 2000)
  void tenCharacterDatesReadAsTheIsoParserReadsThem(@ForAll("dateLike") String text) {
    Instant expected;
    try {
      expected = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      expected = null;
    }
    if (expected != null) {
      assertThat(RowValues.date(text)).isEqualTo(expected);
    } else {
      assertThatThrownBy(() -> RowValues.date(text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a date");
    }
  }

  /** Mostly real dates, some impossible ones (month 13, February 30) and some non-digits in digit places. */
  @Provide
  Arbitrary<String> dateLike() {
    Arbitrary<String> year = Arbitraries.integers().between(1900, 2100).map(y -> String.format("%04d", y));
    Arbitrary<String> two = Arbitraries.oneOf(Arbitraries.integers().between(0, 39).map(n -> String.format("%02d", n)),
        Arbitraries.strings().withChars("0123x ").ofLength(2));
    return net.jqwik.api.Combinators.combine(year, two, two).as((y, m, d) -> y + "-" + m + "-" + d);
  }
}
