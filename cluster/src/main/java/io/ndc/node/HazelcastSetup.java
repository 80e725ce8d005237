package io.ndc.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.ndc.platform.config.ConfigPath;
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
    hz.setClusterName(ConfigPath.string(config, "cluster.name", "ndc"));
    String host = ConfigPath.string(config, "cluster.host", "127.0.0.1");
    int port = ConfigPath.integer(config, "cluster.port", 5701);

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(ConfigPath.integer(config, "cluster.port_count", 20));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if ("kubernetes".equals(ConfigPath.string(config, "cluster.discovery", "tcp-ip"))) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-name", ConfigPath.string(config, "cluster.kubernetes.service_name", "ndc-hazelcast"));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(
          ConfigPath.string(config, "cluster.members", "127.0.0.1").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      network.getInterfaces().setEnabled(true).addInterface(host);
      hz.setProperty("hazelcast.socket.bind.any", "false");
    }
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    // members named without a port are probed on this many ports from the base (Hazelcast's default is 3)
    hz.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(ConfigPath.integer(config, "cluster.port_try_count", 10)));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(ConfigPath.integer(config, "cluster.heartbeat_s", 1)));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(ConfigPath.integer(config, "cluster.max_no_heartbeat_s", 5)));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    return hz;
  }
}
