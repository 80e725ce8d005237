package io.ndc.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdcConfigTest {
  @TempDir
  Path dir;

  @Test
  void layersApplyInOrderDefaultsProfileFileEnvironmentCommandLine() throws Exception {
    Files.writeString(dir.resolve("default.json"), """
        {"http":{"port":8080,"host":"0.0.0.0"},"pg":{"url":"postgresql://postgres@127.0.0.1:5432/ndc"},"a":1,"b":1,"c":1,"d":1}""");
    Files.writeString(dir.resolve("prod.json"), "{\"a\":2,\"b\":2,\"c\":2,\"d\":2}");
    Path yaml = dir.resolve("extra.yaml");
    Files.writeString(yaml, "b: 3\nc: 3\nd: 3\nhttp:\n  host: 127.0.0.1\n");
    JsonObject config = NdcConfig.load(dir, "prod", yaml,
        Map.of("NDC_HTTP_PORT", "9090", "NDC__c", "4", "NDC__d", "4", "PATH", "/bin"),
        new JsonObject().put("d", 5));

    assertThat(config.getInteger("a")).isEqualTo(2);
    assertThat(config.getInteger("b")).isEqualTo(3);
    assertThat(config.getLong("c")).isEqualTo(4L);
    assertThat(config.getInteger("d")).isEqualTo(5);
    assertThat(Settings.of(config).integer("http.port")).isEqualTo(9090);
    assertThat(Settings.of(config).string("http.host")).isEqualTo("127.0.0.1");
    assertThat(config.containsKey("path")).isFalse();
  }

  @Test
  void namedEnvironmentVariablesMapToTheirSettings() {
    JsonObject layer = NdcConfig.fromEnvironment(Map.of(
        "NDC_PG_URL", "postgresql://u:p@db:5433/x",
        "NDC_CLUSTER", "true",
        "NDC_CLUSTER_MEMBERS", "10.0.0.1:5701,10.0.0.2",
        "NDC__storage__cache__ttl_s", "30"));
    assertThat(Settings.of(layer).string("pg.url")).isEqualTo("postgresql://u:p@db:5433/x");
    assertThat(Settings.of(layer).bool("cluster.enabled")).isTrue();
    assertThat(Settings.of(layer).string("cluster.members")).isEqualTo("10.0.0.1:5701,10.0.0.2");
    assertThat(Settings.of(layer).integer("storage.cache.ttl_s")).isEqualTo(30);
  }

  @Test
  void missingProfileAndBrokenFilesAreClearErrors() throws Exception {
    Files.writeString(dir.resolve("default.json"), "{}");
    assertThatThrownBy(() -> NdcConfig.load(dir, "nope", null, Map.of(), new JsonObject()))
        .hasMessageContaining("conf/nope.json");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{not json");
    assertThatThrownBy(() -> NdcConfig.load(dir, null, bad, Map.of(), new JsonObject()))
        .hasMessageContaining("bad.json");
  }

  @Test
  void secretsAreMaskedForPrinting() {
    JsonObject config = new JsonObject()
        .put("pg", new JsonObject().put("url", "postgresql://ndc:s3cret@db:5432/ndc"))
        .put("amqp", new JsonObject().put("url", "amqp://guest:guest@127.0.0.1:5672"))
        .put("auth", new JsonObject().put("admin", new JsonObject().put("password", "hunter2").put("email", "a@b.c")))
        .put("sources", new io.vertx.core.json.JsonArray().add(new JsonObject().put("api_key", "KEY")));
    String printed = SecretMasking.mask(config).encode();
    assertThat(printed).doesNotContain("s3cret", "hunter2", "KEY", "guest:guest")
        .contains("postgresql://ndc:****@db:5432/ndc", "a@b.c");
  }
}
