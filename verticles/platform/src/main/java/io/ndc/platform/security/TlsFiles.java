package io.ndc.platform.security;

import io.ndc.platform.config.Settings;
import io.ndc.platform.config.NdcConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * TLS key material from PEM files named in the configuration, under a prefix such as {@code http.tls}:
 * {@code cert_path} (the certificate, optionally followed by its chain) and {@code key_path} (its unencrypted
 * private key: PKCS#8, PKCS#1 RSA or SEC1 EC). A trust file ({@code cluster.tls.trust_path}) holds the certificates a
 * peer must chain to. The files are read and checked here, before any server uses them, so a missing, unreadable or
 * wrong file stops the start with a message that names the file and the setting instead of failing every handshake
 * later. The options carry the checked bytes, not the paths, so what runs is exactly what was checked. Every method
 * reads files: call it off the event loop.
 */
public final class TlsFiles {
  private TlsFiles() {
  }

  /** True when {@code prefix.cert_path} or {@code prefix.key_path} is set (not blank): TLS is on for that server. */
  public static boolean configured(JsonObject config, String prefix) {
    return isSet(config, prefix + ".cert_path") || isSet(config, prefix + ".key_path");
  }

  public static boolean isSet(JsonObject config, String setting) {
    return Settings.of(config).optionalString(setting) != null;
  }

  /**
   * The certificate and private key under {@code prefix}, checked: both set, readable, a certificate valid now, and a
   * key that belongs to it.
   *
   * @param vertx parses the key (PEM key formats are Vert.x's)
   * @throws IllegalStateException naming the file and the setting
   */
  public static PemKeyCertOptions keyCert(Vertx vertx, JsonObject config, String prefix) {
    String certSetting = prefix + ".cert_path";
    String keySetting = prefix + ".key_path";
    Path certFile = requiredPath(config, certSetting, keySetting);
    Path keyFile = requiredPath(config, keySetting, certSetting);
    Buffer certPem = read(certFile, certSetting);
    Buffer keyPem = read(keyFile, keySetting);
    X509Certificate cert = certificates(certPem, certFile, certSetting).get(0);
    try {
      cert.checkValidity();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the certificate in " + certFile + " (" + certSetting + ") is not valid now: it is valid from "
          + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant());
    }
    PemKeyCertOptions options = new PemKeyCertOptions().setCertValue(certPem).setKeyValue(keyPem);
    PrivateKey key;
    try {
      key = privateKey(options.getKeyManagerFactory(vertx).getKeyManagers(), cert);
    } catch (Exception e) {
      throw new IllegalStateException(keyFile + " (" + keySetting + ") holds no usable unencrypted PEM private key ("
          + e.getMessage() + "); " + hint(keySetting), e);
    }
    if (key == null || !belongsTo(key, cert)) {
      throw new IllegalStateException("the private key in " + keyFile + " (" + keySetting + ") does not belong to the certificate in "
          + certFile + " (" + certSetting + ")");
    }
    return options;
  }

  /**
   * The certificates in the PEM file named by {@code setting}, which must be set: the certificate authorities (or the
   * peers' own certificates) a peer's certificate must chain to.
   *
   * @throws IllegalStateException naming the file and the setting
   */
  public static PemTrustOptions trust(JsonObject config, String setting) {
    if (!isSet(config, setting)) {
      throw new IllegalStateException(setting + " is not set: name a PEM file with the certificates peers must chain to; "
          + hint(setting));
    }
    Path file = Path.of(Settings.of(config).optionalString(setting));
    Buffer pem = read(file, setting);
    certificates(pem, file, setting);
    return new PemTrustOptions().addCertValue(pem);
  }

  private static Path requiredPath(JsonObject config, String setting, String other) {
    if (!isSet(config, setting)) {
      throw new IllegalStateException(other + " is set but " + setting + " is not: TLS needs a certificate and its private key; "
          + hint(setting));
    }
    return Path.of(Settings.of(config).optionalString(setting));
  }

  private static Buffer read(Path file, String setting) {
    try {
      return Buffer.buffer(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + " (" + setting + "): " + e.getClass().getSimpleName()
          + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()) + "; " + hint(setting), e);
    }
  }

  private static List<X509Certificate> certificates(Buffer pem, Path file, String setting) {
    List<X509Certificate> certs;
    try {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes()))
          .stream().map(X509Certificate.class::cast).toList();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(file + " (" + setting + ") is not a PEM certificate file (" + e.getMessage() + "); "
          + hint(setting), e);
    }
    if (certs.isEmpty()) {
      throw new IllegalStateException(file + " (" + setting + ") holds no certificate; " + hint(setting));
    }
    return certs;
  }

  /** The key Vert.x made of the PEM for the certificate's key type; null when the key is of another type. */
  private static PrivateKey privateKey(KeyManager[] managers, X509Certificate cert) {
    for (KeyManager manager : managers) {
      if (manager instanceof X509KeyManager x509) {
        String[] aliases = x509.getServerAliases(cert.getPublicKey().getAlgorithm(), null);
        if (aliases != null && aliases.length > 0) {
          return x509.getPrivateKey(aliases[0]);
        }
      }
    }
    return null;
  }

  /** Signs with the key and verifies with the certificate: a pair that does not match would fail every handshake. */
  private static boolean belongsTo(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      default -> null;
    };
    if (algorithm == null) {
      // a key type without a plain signature scheme here (e.g. RSASSA-PSS): the handshake is the check
      return true;
    }
    try {
      byte[] probe = "ndc tls key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String hint(String setting) {
    return "set " + setting + " (or " + NdcConfig.GENERIC_PREFIX + setting.replace(".", "__") + ") to a PEM file";
  }
}
