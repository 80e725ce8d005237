package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.gateway.http.Caller;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.security.AccessPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every stream channel names a permission the role table knows, and the roles get what SPEC §6 says. */
class StreamChannelTest {

  private static boolean allowed(String role, String permission) {
    return AccessPolicy.allows(new Caller("r", "u", List.of(role)), permission);
  }

  @Test
  void everyChannelNamesAKnownPermission() {
    for (StreamChannel channel : StreamChannel.values()) {
      assertThat(AccessPolicy.isKnown(channel.permission())).as(channel.wireName()).isTrue();
      assertThat(channel.permission()).isNotEqualTo(Permissions.PUBLIC);
    }
  }

  @Test
  void everySymbolIsOnlyForAdminsAndOperators() {
    assertThat(allowed("admin", Permissions.STREAM_ALL)).isTrue();
    assertThat(allowed("operator", Permissions.STREAM_ALL)).isTrue();
    assertThat(allowed("analyst", Permissions.STREAM_ALL)).isFalse();
    assertThat(allowed("viewer", Permissions.STREAM_ALL)).isFalse();
    for (String role : List.of("admin", "operator", "analyst", "viewer")) {
      for (StreamChannel channel : StreamChannel.values()) {
        assertThat(allowed(role, channel.permission())).as(role + " on " + channel.wireName()).isTrue();
      }
    }
  }
}
