package io.ndc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Every ES256 signature has one canonical spelling, it still verifies, and its twin and DER spelling are refused. */
class JoseSignaturesProperties {
  private static final KeyPair KEYS = keys();

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 200)
  void theCanonicalSpellingVerifiesAndIsTheOnlyOneAccepted(@ForAll String payload) throws Exception {
    String signingInput = b64(payload.getBytes(StandardCharsets.UTF_8)) + ".e30";
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(KEYS.getPrivate());
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String token = signingInput + "." + b64(signer.sign());

    String canonical = JoseSignatures.canonicalize(token);
    assertThat(JoseSignatures.canonical(canonical)).isTrue();
    assertThat(JoseSignatures.canonicalize(canonical)).isEqualTo(canonical);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(KEYS.getPublic());
    verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    byte[] signature = Base64.getUrlDecoder().decode(canonical.substring(canonical.lastIndexOf('.') + 1));
    assertThat(verifier.verify(signature)).isTrue();

    BigInteger order = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    byte[] twin = Arrays.copyOf(signature, 64);
    byte[] high = order.subtract(s).toByteArray();
    Arrays.fill(twin, 32, 64, (byte) 0);
    System.arraycopy(high, Math.max(0, high.length - 32), twin, 64 - Math.min(32, high.length), Math.min(32, high.length));
    assertThat(JoseSignatures.canonical(signingInput + "." + b64(twin))).isFalse();
    assertThat(JoseSignatures.canonical(signingInput + "." + b64(Arrays.copyOf(signature, 70)))).isFalse();
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
