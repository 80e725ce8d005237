package io.ndc.collector.testing;

import com.hazelcast.config.Config;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.List;

/** Hazelcast members of one test cluster inside this JVM: loopback only, TCP join, failure noticed within seconds. */
public final class LocalCluster {
  private LocalCluster() {
  }

  /** A member listening on {@code port} that joins the members on {@code memberPorts} of cluster {@code name}. */
  public static Config hazelcast(String name, int port, List<Integer> memberPorts) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(name);
    hz.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    hz.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    hz.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    hz.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
        .setMembers(memberPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    return hz;
  }
}
