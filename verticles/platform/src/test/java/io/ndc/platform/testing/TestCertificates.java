package io.ndc.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway self-signed certificates for TLS tests, made by the JDK's own {@code keytool} (no extra library, no
 * openssl needed) and written as PEM files: an EC P-256 key (PKCS#8) and a certificate for {@code localhost} and
 * {@code 127.0.0.1}, so clients that check host names accept it for either.
 */
public final class TestCertificates {
  private static final char[] STORE_PASSWORD = "throwaway".toCharArray();

  /** A certificate file and its private key file. */
  public record Pem(Path cert, Path key) {
  }

  private TestCertificates() {
  }

  /** A certificate valid from now for two days, with CN {@code name}, as {@code dir/name.crt} and {@code dir/name.key}. */
  public static Pem selfSigned(Path dir, String name) {
    return make(dir, name, List.of());
  }

  /** A certificate that expired a week ago. */
  public static Pem expired(Path dir, String name) {
    return make(dir, name, List.of("-startdate", "-10d", "-validity", "3"));
  }

  private static Pem make(Path dir, String name, List<String> validity) {
    Path store = dir.resolve(name + ".p12");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)));
    command.addAll(validity.isEmpty() ? List.of("-validity", "2") : validity);
    try {
      Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, STORE_PASSWORD);
      }
      Path cert = dir.resolve(name + ".crt");
      Path key = dir.resolve(name + ".key");
      Files.writeString(cert, pem("CERTIFICATE", keyStore.getCertificate(name).getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", keyStore.getKey(name, STORE_PASSWORD).getEncoded()));
      return new Pem(cert, key);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
