package io.ndc.auth.crypto;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1, 6 digits, 30 s steps.
 * A code from the step before or after the current one is accepted (one step of clock skew); the caller refuses a
 * step at or below the last one it accepted, so a code cannot be replayed.
 */
public final class Totp {
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final int SKEW_STEPS = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

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
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
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
