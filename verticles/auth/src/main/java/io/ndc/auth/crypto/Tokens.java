package io.ndc.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque random tokens (refresh tokens, MFA challenges, recovery codes, OAuth2 state) and the SHA-256 digests the
 * database keeps instead of them: they carry 128+ bits of entropy, so a fast hash is enough.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private Tokens() {
  }

  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A recovery code a person can type: {@code xxxxx-xxxxx} from an unambiguous alphabet (about 49 bits). */
  public static String recoveryCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      if (i == 5) {
        code.append('-');
      }
      code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
    }
    return code.toString();
  }

  public static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCE S256 challenge of a verifier (RFC 7636). */
  public static String pkceChallenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
