package io.ndc.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void argon2idHashesVerifyOnlyTheirPasswordAndAreSalted() {
    String hash = PasswordHasher.hash("correct horse battery staple");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(PasswordHasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(PasswordHasher.verify("correct horse battery stapler", hash)).isFalse();
    assertThat(PasswordHasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    assertThat(PasswordHasher.verify("x", "$bcrypt$whatever")).isFalse();
  }
}
