package io.ndc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SecretBoxPropertiesTest {
  private final SecretBox box = new SecretBox(SecretBox.keyBytes("property key"));

  @Property(tries = 200)
  void sealedValuesOpenToTheOriginalOnlyInTheirContext(@ForAll String secret, @ForAll String context) {
    byte[] sealed = box.seal(secret, context);
    assertThat(box.openString(sealed, context)).isEqualTo(secret);
    assertThat(sealed.length).isEqualTo(1 + 12 + secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 16);
  }
}
