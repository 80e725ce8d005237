package io.ndc.auth.crypto;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first configuration (m=19 MiB, t=2, p=1), stored as a PHC
 * string so the parameters travel with each hash and can be raised later. Hashing takes tens of milliseconds of
 * CPU, so it runs on worker threads.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  /** Compared against when the account does not exist, so a login takes as long for unknown as for known e-mails. */
  private static final String DUMMY = hash("not a real password");

  private final Vertx vertx;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hashAsync(String password) {
    return vertx.executeBlocking(() -> hash(password), false);
  }

  /** Verifies against {@code stored}; a null stored hash (unknown user, OAuth2-only account) never matches. */
  public Future<Boolean> verifyAsync(String password, String stored) {
    return vertx.executeBlocking(() -> {
      if (stored == null) {
        verify(password, DUMMY);
        return false;
      }
      return verify(password, stored);
    }, false);
  }

  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(out);
  }

  public static boolean verify(String password, String phc) {
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !"argon2id".equals(parts[1])) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",")) {
      String[] pair = kv.split("=");
      int value = Integer.parseInt(pair[1]);
      switch (pair[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> {
          return false;
        }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
