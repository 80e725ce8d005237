package io.ndc.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.Arrays;

/**
 * Hazelcast for NDC: the {@code __vertx.*} map settings from vertx-hazelcast's default config, then TCP-IP join on
 * the configured members (multicast and auto-detection off, or Kubernetes discovery when asked), bound to the
 * configured interface, and heartbeats tuned so a dead member is noticed in seconds instead of a minute.
 */
final class HazelcastSetup {
  private HazelcastSetup() {
  }

  static Config build(JsonObject config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(Settings.of(config).string("cluster.name"));
    String host = Settings.of(config).string("cluster.host");
    int port = Settings.of(config).integer("cluster.port");

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(Settings.of(config).integer("cluster.port_count"));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if ("kubernetes".equals(Settings.of(config).string("cluster.discovery"))) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-name", Settings.of(config).string("cluster.kubernetes.service_name"));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(
          Settings.of(config).string("cluster.members").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      network.getInterfaces().setEnabled(true).addInterface(host);
      hz.setProperty("hazelcast.socket.bind.any", "false");
    }
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    // members named without a port are probed on this many ports from the base (Hazelcast's default is 3)
    hz.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(Settings.of(config).integer("cluster.port_try_count")));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(Settings.of(config).integer("cluster.heartbeat_s")));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(Settings.of(config).integer("cluster.max_no_heartbeat_s")));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    return hz;
  }
}
