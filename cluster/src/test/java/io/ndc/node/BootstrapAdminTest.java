package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first start creates the admin; without a configured password it prints a generated one, once. */
class BootstrapAdminTest {
  private static final Pattern ANNOUNCEMENT = Pattern.compile("NDC admin created: email=(\\S+) password=(\\S+)");
  private final String database = TestConfig.uniqueDatabase("bootstrap");

  @AfterEach
  void drop() {
    TestConfig.dropDatabase(database);
  }

  @Test
  void generatedPasswordIsPrintedOnceAndWorks() {
    JsonObject config = TestNode.config(database);
    config.getJsonObject("auth").put("admin", new JsonObject().put("email", "root@ndc.test"));
    String first = capturingStdout(() -> {
      try (TestNode node = TestNode.start(config)) {
        node.get("/health", null);
      }
    });
    Matcher m = ANNOUNCEMENT.matcher(first);
    assertThat(m.find()).as(first).isTrue();
    assertThat(m.group(1)).isEqualTo("root@ndc.test");
    String password = m.group(2);
    assertThat(m.find()).isFalse();

    String second = capturingStdout(() -> {
      try (TestNode node = TestNode.start(config)) {
        JsonObject tokens = TestUsers.login(node, "root@ndc.test", password);
        JsonObject profile = node.get("/api/v1/auth/profile", tokens.getString("access_token")).bodyAsJsonObject().getJsonObject("data");
        assertThat(profile.getJsonArray("roles")).containsExactly("admin");
      }
    });
    assertThat(second).doesNotContain("NDC admin created");
  }

  private static String capturingStdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
