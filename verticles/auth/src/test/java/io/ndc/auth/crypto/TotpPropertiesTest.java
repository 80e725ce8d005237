package io.ndc.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TotpPropertiesTest {
  private static final String SECRET = Totp.newSecret();

  @Property(tries = 300)
  void everyCodeIsSixDigitsAndMatchesOnlyWithinOneStep(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSeconds,
      @ForAll @IntRange(min = -3, max = 3) int offset) {
    long step = Totp.stepAt(epochSeconds) + offset;
    String code = Totp.code(SECRET, step);
    assertThat(code).matches("\\d{6}");
    var match = Totp.matchingStep(SECRET, code, epochSeconds);
    if (Math.abs(offset) <= 1) {
      assertThat(match).isPresent();
    } else if (match.isPresent()) {
      // a 6-digit code can collide with a neighbouring step's code by chance; then it names that step, not this one
      assertThat(match.getAsLong()).isNotEqualTo(step);
    }
  }
}
