package io.ndc.auth.crypto;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1, 6 digits, 30 s steps. The
 * code of a step comes from java-otp (RFC 4226 HOTP with the step as counter); this class adds the secret, the
 * {@code otpauth} URI and the skew window.
 * A code from the step before or after the current one is accepted (one step of clock skew); the caller refuses a
 * step at or below the last one it accepted, so a code cannot be replayed.
 */
public final class Totp {
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final int SKEW_STEPS = 1;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(DIGITS);

  private Totp() {
  }

  /** A new 160-bit secret in base32 without padding, as authenticator apps expect. */
  public static String newSecret() {
    byte[] secret = new byte[20];
    RANDOM.nextBytes(secret);
    return Base32.toBase32String(secret).replace("=", "");
  }

  public static String otpauthUri(String issuer, String account, String secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static long stepAt(long epochSeconds) {
    return Math.floorDiv(epochSeconds, STEP_SECONDS);
  }

  /** The code for a time step. */
  public static String code(String base32Secret, long step) {
    try {
      return HOTP.generateOneTimePasswordString(new SecretKeySpec(decode(base32Secret), HOTP.getAlgorithm()), step,
          Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the TOTP secret is not a valid HMAC key", e);
    }
  }

  /** The step whose code {@code code} is, within one step of {@code epochSeconds}; empty when none matches. */
  public static OptionalLong matchingStep(String base32Secret, String code, long epochSeconds) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long now = stepAt(epochSeconds);
    for (long step = now - SKEW_STEPS; step <= now + SKEW_STEPS; step++) {
      if (java.security.MessageDigest.isEqual(code(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  private static byte[] decode(String base32) {
    String clean = base32.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
    int pad = (8 - clean.length() % 8) % 8;
    return Base32.decode(clean + "=".repeat(pad));
  }
}
