package io.ndc.platform.security;

import io.ndc.platform.config.ConfigPath;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets (API keys, TOTP seeds, webhook secrets) for storage at rest with AES-256-GCM. The key is
 * derived (SHA-256) from {@code security.secret_key} / {@code NDC_SECRET_KEY}; the text form is
 * {@code v1:<base64(iv || ciphertext || tag)>} so a later key scheme can live beside it. A {@code purpose} string is
 * bound as associated data, so a value sealed for one column cannot be replayed into another.
 */
public final class SecretBox {
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** Used only when no key is configured, so a development node still starts; the README tells operators to set one. */
  static final String DEVELOPMENT_KEY = "ndc-development-secret-key-change-me";

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("secret key must not be empty");
    }
    this.key = new SecretKeySpec(sha256(secret), "AES");
  }

  /** The box for the key in {@code security.secret_key}, or the development key when none is configured. */
  public static SecretBox fromConfig(JsonObject config) {
    return new SecretBox(ConfigPath.string(config, "security.secret_key", DEVELOPMENT_KEY));
  }

  public String seal(String plaintext, String purpose) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** @throws IllegalArgumentException when the text was not sealed by this key for this purpose (or was altered) */
  public String open(String sealedText, String purpose) {
    if (sealedText == null || !sealedText.startsWith(VERSION)) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    byte[] all;
    try {
      all = Base64.getDecoder().decode(sealedText.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sealed secret is not valid base64", e);
    }
    if (all.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("sealed secret is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("sealed secret does not open with this key and purpose", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
