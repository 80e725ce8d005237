package io.ndc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private final SecretBox box = new SecretBox(SecretBox.keyBytes("a passphrase for tests"));

  @Test
  void opensWhatItSealedAndHidesThePlaintext() {
    byte[] sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:1");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("JBSWY3DPEHPK3PXP");
    assertThat(box.openString(sealed, "totp:1")).isEqualTo("JBSWY3DPEHPK3PXP");
    assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
  }

  @Test
  void refusesAnotherContextAnotherKeyOrAlteredBytes() {
    byte[] sealed = box.seal("seed", "totp:1");
    assertThatThrownBy(() -> box.open(sealed, "totp:2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SecretBox(SecretBox.keyBytes("other")).open(sealed, "totp:1"))
        .isInstanceOf(IllegalStateException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, "totp:1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void localProfileGeneratesAndKeepsAKeyOtherProfilesRequireOne(@TempDir Path dir) throws Exception {
    JsonObject local = new JsonObject().put("profile", "local").put("node", new JsonObject().put("data_dir", dir.toString()));
    byte[] sealed = SecretBox.fromConfig(local).seal("x", "c");
    assertThat(Files.exists(dir.resolve("secret.key"))).isTrue();
    assertThat(SecretBox.fromConfig(local).openString(sealed, "c")).isEqualTo("x");
    assertThatThrownBy(() -> SecretBox.fromConfig(new JsonObject().put("profile", "prod")))
        .hasMessageContaining("NDC_SECRET_KEY");
  }

  @org.junit.jupiter.api.Test
  void textFormRoundTripsAndIsBoundToItsContext() {
    SecretBox box = new SecretBox(new byte[32]);
    String sealed = box.sealText("api-key-123", "source:yahoo-main");
    org.assertj.core.api.Assertions.assertThat(sealed).doesNotContain("api-key-123");
    org.assertj.core.api.Assertions.assertThat(box.openText(sealed, "source:yahoo-main")).isEqualTo("api-key-123");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> box.openText(sealed, "source:other"))
        .isInstanceOf(IllegalStateException.class);
  }
}
