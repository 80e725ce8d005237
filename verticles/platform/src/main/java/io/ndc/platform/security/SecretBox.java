package io.ndc.platform.security;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets at rest (TOTP seeds, client secrets, signing keys, webhook secrets...) with AES-256-GCM. The
 * sealed form is {@code version(1) | nonce(12) | ciphertext+tag}. The associated data names what the secret belongs
 * to (e.g. {@code "totp:<user id>"}), so a sealed value copied onto another row does not open.
 *
 * <p>The key comes from {@code security.secret_key} ({@code NDC_SECRET_KEY}): 32 bytes in base64, or any other text
 * which is hashed to 32 bytes. In the {@code local} profile a missing key is generated once and kept in
 * {@code <node.data_dir>/secret.key}; in any other profile a missing key stops the start.
 */
public final class SecretBox {
  private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** The box for a service's configuration (see the class comment for where the key comes from). */
  public static synchronized SecretBox fromConfig(JsonObject config) {
    String configured = Settings.of(config).optionalString("security.secret_key");
    if (configured != null && !configured.isBlank()) {
      return new SecretBox(keyBytes(configured.trim()));
    }
    String profile = Settings.of(config).string("profile");
    if (!"local".equals(profile)) {
      throw new IllegalStateException("no secret key configured for the '" + profile + "' profile: set NDC_SECRET_KEY "
          + "(or security.secret_key) to 32 random bytes in base64, e.g. `openssl rand -base64 32`");
    }
    return new SecretBox(localKey(Path.of(Settings.of(config).string("node.data_dir"))));
  }

  static byte[] keyBytes(String text) {
    try {
      byte[] decoded = Base64.getDecoder().decode(text);
      if (decoded.length == 32) {
        return decoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // a passphrase: hashed below
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] localKey(Path dataDir) {
    Path file = dataDir.resolve("secret.key");
    try {
      if (Files.isRegularFile(file)) {
        return keyBytes(Files.readString(file).trim());
      }
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      Files.createDirectories(dataDir);
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the file system has no POSIX permissions; the key is still only in the data folder
      }
      LOG.warn("!!! No NDC_SECRET_KEY set: generated a secret key in {} to encrypt secrets at rest. Back it up and set "
          + "NDC_SECRET_KEY for anything but a local trial; without that file the stored secrets cannot be read. !!!",
          file.toAbsolutePath());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret key file " + file.toAbsolutePath(), e);
    }
  }

  public byte[] seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  public byte[] seal(String plaintext, String context) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
  }

  /** Opens a sealed value; fails when it was sealed with another key, for another context, or was altered. */
  public byte[] open(byte[] sealed, String context) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalStateException("a stored secret cannot be decrypted: wrong NDC_SECRET_KEY or altered data", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  public String openString(byte[] sealed, String context) {
    return new String(open(sealed, context), StandardCharsets.UTF_8);
  }

  /** For text columns: the sealed form in base64. */
  public String sealText(String plaintext, String context) {
    return Base64.getEncoder().encodeToString(seal(plaintext, context));
  }

  public String openText(String sealedBase64, String context) {
    try {
      return openString(Base64.getDecoder().decode(sealedBase64), context);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a sealed secret", e);
    }
  }
}
