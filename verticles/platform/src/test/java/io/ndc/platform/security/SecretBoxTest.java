package io.ndc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final SecretBox box = new SecretBox("test-key");

  @Property
  void opensWhatItSealed(@ForAll String secret) {
    assertThat(box.open(box.seal(secret, "p"), "p")).isEqualTo(secret);
  }

  @Test
  void sealingTwiceGivesDifferentTextsWithoutThePlaintext() {
    String a = box.seal("api-key-123", "source.api_key");
    String b = box.seal("api-key-123", "source.api_key");
    assertThat(a).isNotEqualTo(b).doesNotContain("api-key-123").startsWith("v1:");
  }

  @Test
  void refusesAnotherKeyAnotherPurposeOrAnAlteredText() {
    String sealed = box.seal("secret", "source.api_key");
    assertThatThrownBy(() -> new SecretBox("other").open(sealed, "source.api_key")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.open(sealed, "totp")).isInstanceOf(IllegalArgumentException.class);
    char[] chars = sealed.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> box.open(new String(chars), "source.api_key")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.open("plain", "source.api_key")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void takesItsKeyFromConfig() {
    JsonObject config = new JsonObject().put("security", new JsonObject().put("secret_key", "configured"));
    String sealed = SecretBox.fromConfig(config).seal("x", "p");
    assertThat(new SecretBox("configured").open(sealed, "p")).isEqualTo("x");
  }
}
