package io.ndc.platform.security;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * The one spelling of an ES256 token (RFC 7515/7518): a signature of exactly 64 bytes, R then S, with S in the lower
 * half of the P-256 group order. ECDSA accepts (r, s) and (r, n - s) alike, and a DER-encoded signature too, so without
 * this rule one token has several spellings that all verify: a revocation or cache keyed by the token's text would
 * see different tokens. The issuer writes every token in this form and the verifier refuses any other.
 */
public final class JoseSignatures {
  private static final BigInteger ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
  private static final int PART = 32;

  private JoseSignatures() {
  }

  /** Whether the compact token's signature is in the canonical form. */
  public static boolean canonical(String token) {
    byte[] signature = signature(token);
    if (signature == null || signature.length != 2 * PART) {
      return false;
    }
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, PART, 2 * PART));
    return s.signum() > 0 && s.compareTo(HALF_ORDER) <= 0;
  }

  /** The same token with its signature's S moved to the lower half when it was in the upper one (still valid). */
  public static String canonicalize(String token) {
    byte[] signature = signature(token);
    if (signature == null || signature.length != 2 * PART) {
      throw new IllegalArgumentException("not an ES256 compact token");
    }
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, PART, 2 * PART));
    if (s.compareTo(HALF_ORDER) <= 0) {
      return token;
    }
    byte[] low = ORDER.subtract(s).toByteArray();
    byte[] fixed = Arrays.copyOf(signature, 2 * PART);
    Arrays.fill(fixed, PART, 2 * PART, (byte) 0);
    int length = Math.min(low.length, PART);
    System.arraycopy(low, low.length - length, fixed, 2 * PART - length, length);
    return token.substring(0, token.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  private static byte[] signature(String token) {
    int dot = token.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
