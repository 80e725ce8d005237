package io.ndc.node;

import io.ndc.platform.config.ConfigPath;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The node's command line (SPEC §3). Every option is null unless given, so only what the user typed overrides the
 * environment and the files beneath it.
 */
@Command(name = "ndc", mixinStandardHelpOptions = true, versionProvider = NodeVersion.class,
    description = "Runs a New Data Collector node: all services in one JVM, or any subset in a Hazelcast cluster.",
    sortOptions = false)
public final class NodeOptions {
  @Option(names = "--services", paramLabel = "LIST",
      description = "comma list of gateway,auth,collector,storage,analysis,notification or all (default all)")
  String services;

  @Option(names = "--cluster", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "join a Hazelcast cluster (TCP-IP join, members from config; multicast off)")
  Boolean cluster;

  @Option(names = "--cluster-members", paramLabel = "LIST", description = "host[:port] list for TCP-IP join (default 127.0.0.1)")
  String clusterMembers;

  @Option(names = "--cluster-port", paramLabel = "N", description = "Hazelcast port, auto-incremented when taken (default 5701)")
  Integer clusterPort;

  @Option(names = "--cluster-host", paramLabel = "HOST",
      description = "address this node binds and announces for Hazelcast and the clustered event bus (default 127.0.0.1)")
  String clusterHost;

  @Option(names = "--http-port", paramLabel = "N", description = "gateway HTTP port; 0 picks a free one and prints it (default 8080)")
  Integer httpPort;

  @Option(names = "--bridge-port", paramLabel = "N", description = "TCP event-bus bridge port (default 7000)")
  Integer bridgePort;

  @Option(names = "--conf", paramLabel = "FILE", description = "JSON or YAML config file layered over the defaults")
  Path conf;

  @Option(names = "--profile", paramLabel = "NAME", description = "selects conf/NAME.json over conf/default.json (default local)")
  String profile;

  @Option(names = "--demo", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "simulated live trades and a year of daily history for AAPL, MSFT, NVDA, 005930, 000660")
  Boolean demo;

  @Option(names = "--print-config", description = "print the effective configuration (secrets masked) and exit")
  boolean printConfig;

  /** The command-line layer of the configuration. */
  JsonObject toConfigLayer() {
    JsonObject layer = new JsonObject();
    putIfSet(layer, "services", services);
    putIfSet(layer, "cluster.enabled", cluster);
    putIfSet(layer, "cluster.members", clusterMembers);
    putIfSet(layer, "cluster.port", clusterPort);
    putIfSet(layer, "cluster.host", clusterHost);
    putIfSet(layer, "http.port", httpPort);
    putIfSet(layer, "bridge.port", bridgePort);
    putIfSet(layer, "demo", demo);
    return layer;
  }

  private static void putIfSet(JsonObject layer, String path, Object value) {
    if (value != null) {
      ConfigPath.put(layer, path, value);
    }
  }
}
