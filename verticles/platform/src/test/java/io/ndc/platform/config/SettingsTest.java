package io.ndc.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void aSettingTheConfigurationLeavesOutIsTheBuiltInDefault() {
    Settings settings = Settings.of(new JsonObject());
    assertThat(settings.integer("pg.pool_size")).isEqualTo(8);
    assertThat(settings.millis("bus.timeout_ms")).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.string("collector.queue_prefix")).isEqualTo("ndc.collect");
    assertThat(settings.bool("gateway.rate_limit.enabled")).isTrue();
    assertThat(settings.number("collector.retry.multiplier")).isEqualTo(2.0);
    assertThat(settings.nodeId()).isEqualTo("local");
    assertThat(settings.optionalString("auth.admin.password")).isNull();
  }

  @Test
  void theConfigurationWinsAndTextIsReadAsTheEnvironmentWritesIt() {
    JsonObject config = new JsonObject().put("pg", new JsonObject().put("pool_size", "12"))
        .put("gateway", new JsonObject().put("rate_limit", new JsonObject().put("enabled", "false")
            .put("roles", new JsonObject().put("admin", new JsonObject().put("capacity", 1)))))
        .put("node", new JsonObject().put("id", "n1"));
    Settings settings = Settings.of(config);
    assertThat(settings.integer("pg.pool_size")).isEqualTo(12);
    assertThat(settings.bool("gateway.rate_limit.enabled")).isFalse();
    assertThat(settings.nodeId()).isEqualTo("n1");
    JsonObject roles = settings.object("gateway.rate_limit.roles");
    assertThat(roles.getJsonObject("admin").getInteger("capacity")).isEqualTo(1);
    assertThat(roles.getJsonObject("viewer").getInteger("capacity")).isEqualTo(40);
  }

  @Test
  void aMissingOrMistypedSettingFailsNamingItsPath() {
    assertThatThrownBy(() -> Settings.of(new JsonObject()).integer("storage.no_such_setting"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("setting storage.no_such_setting is not set and has no default in conf/default.json");
    JsonObject config = new JsonObject().put("pg", new JsonObject().put("pool_size", "eight").put("max_wait_queue", 2.5));
    assertThatThrownBy(() -> Settings.of(config).integer("pg.pool_size")).isInstanceOf(IllegalStateException.class)
        .hasMessage("setting pg.pool_size must be a whole number (got 'eight')");
    assertThatThrownBy(() -> Settings.of(config).integer("pg.max_wait_queue")).isInstanceOf(IllegalStateException.class)
        .hasMessage("setting pg.max_wait_queue must be a whole number (got '2.5')");
    assertThatThrownBy(() -> Settings.of(new JsonObject().put("demo", "yes")).bool("demo"))
        .hasMessage("setting demo must be true or false (got 'yes')");
  }

  @Test
  void theBuiltInDefaultsAreTheRepositorysDefaultJson() throws Exception {
    JsonObject onDisk = new JsonObject(java.nio.file.Files.readString(
        java.nio.file.Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "conf/default.json")));
    assertThat(Settings.builtIn()).isEqualTo(onDisk);
  }
}
