package io.ndc.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
  private static final String RFC_SEED = Base32.toBase32String("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void matchesTheRfc6238TestVectors() {
    // the RFC lists 8-digit codes; authenticator apps show their last 6 digits
    assertThat(Totp.code(RFC_SEED, Totp.stepAt(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SEED, Totp.stepAt(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SEED, Totp.stepAt(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(RFC_SEED, Totp.stepAt(2000000000))).isEqualTo("279037");
  }

  @Test
  void acceptsOneStepOfClockSkewEachWayButNotTwo() {
    String secret = Totp.newSecret();
    long now = 1_700_000_000L;
    long step = Totp.stepAt(now);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now)).isEmpty();
  }

  @Test
  void refusesMalformedCodes() {
    String secret = Totp.newSecret();
    assertThat(Totp.matchingStep(secret, "12345", 0)).isEmpty();
    assertThat(Totp.matchingStep(secret, "abcdef", 0)).isEmpty();
    assertThat(Totp.matchingStep(secret, null, 0)).isEmpty();
  }

  @Test
  void otpauthUriNamesIssuerAccountAndSecret() {
    assertThat(Totp.otpauthUri("NDC", "a b@x.io", "ABC"))
        .isEqualTo("otpauth://totp/NDC:a%20b%40x.io?secret=ABC&issuer=NDC&algorithm=SHA1&digits=6&period=30");
  }
}
