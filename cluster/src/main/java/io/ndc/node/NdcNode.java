package io.ndc.node;

import io.ndc.contract.HealthReport;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.config.Settings;
import io.ndc.platform.config.NdcConfig;
import io.ndc.platform.config.SecretMasking;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The one main class: reads the layered configuration, starts Vert.x (clustered or not), deploys the entry
 * deployable of each selected service, prints {@code NDC ready ...} once all are up and healthy, and drains on
 * SIGTERM (gateway first, so clients are refused before the services behind it go).
 */
public final class NdcNode {
  private static final Logger LOG = LoggerFactory.getLogger(NdcNode.class);

  private final JsonObject config;
  private final List<ServiceName> services;
  private final Map<ServiceName, String> deployments = new LinkedHashMap<>();
  private Vertx vertx;

  NdcNode(JsonObject config, List<ServiceName> services) {
    this.config = config;
    this.services = services;
  }

  public static void main(String[] args) {
    NodeOptions options = new NodeOptions();
    CommandLine cli = new CommandLine(options);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("ndc: " + e.getMessage());
      cli.usage(System.err);
      System.exit(2);
    }
    if (cli.isUsageHelpRequested()) {
      cli.usage(System.out);
      return;
    }
    if (cli.isVersionHelpRequested()) {
      cli.printVersionHelp(System.out);
      return;
    }
    JsonObject config;
    List<ServiceName> services;
    try {
      config = effectiveConfig(options);
      services = ServiceCatalog.parse(Settings.of(config).string("services"));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("ndc: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.printConfig) {
      System.out.println(SecretMasking.mask(config).encodePrettily());
      return;
    }
    NdcNode node = new NdcNode(config, services);
    try {
      String ready = node.start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      System.out.println(ready);
      Runtime.getRuntime().addShutdownHook(new Thread(node::drain, "ndc-drain"));
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("NDC failed to start: " + cause.getMessage());
      LOG.debug("start failure", cause);
      node.closeQuietly();
      System.exit(1);
    }
  }

  static JsonObject effectiveConfig(NodeOptions options) {
    Map<String, String> env = System.getenv();
    String profile = options.profile != null ? options.profile : env.getOrDefault("NDC_PROFILE", "local");
    Path confFile = options.conf != null ? options.conf : env.containsKey("NDC_CONF") ? Path.of(env.get("NDC_CONF")) : null;
    Path confDir = Path.of(env.getOrDefault("NDC_CONF_DIR", "conf"));
    JsonObject config = NdcConfig.load(confDir, profile, confFile, env, options.toConfigLayer());
    ConfigPath.put(config, "profile", profile);
    if (ConfigPath.get(config, "node.id") == null) {
      ConfigPath.put(config, "node.id", hostName() + "-" + ProcessHandle.current().pid());
    }
    ConfigPath.put(config, "node.version", NodeVersion.version());
    return config;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "node";
    }
  }

  /** Starts Vert.x and the services; completes with the ready line. */
  Future<String> start() {
    boolean clustered = Settings.of(config).bool("cluster.enabled");
    if (System.getProperty("vertx.cacheDirBase") == null) {
      System.setProperty("vertx.cacheDirBase", System.getProperty("java.io.tmpdir") + "/ndc-vertx-" + ProcessHandle.current().pid());
    }
    VertxOptions options = Metrics.enable(new VertxOptions(), config);
    Future<Vertx> started;
    if (clustered) {
      String host = Settings.of(config).string("cluster.host");
      options.getEventBusOptions().setHost(host).setClusterPublicHost(host).setPort(Settings.of(config).integer("cluster.bus_port"));
      if (ClusterTls.configured(config)) {
        try {
          ClusterTls.apply(options.getEventBusOptions(), config);
        } catch (IllegalStateException e) {
          return Future.failedFuture(e);
        }
      }
      HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.build(config));
      long joinStart = System.nanoTime();
      started = Vertx.builder().with(options).withMetrics(Metrics.factory()).withClusterManager(manager).buildClustered()
          .onSuccess(v -> LOG.info("joined cluster in {} ms ({} members)", (System.nanoTime() - joinStart) / 1_000_000,
              manager.getNodes().size()))
          .recover(e -> Future.failedFuture(new IllegalStateException("cannot join the cluster on "
              + host + ":" + Settings.of(config).integer("cluster.port") + " (" + e.getMessage()
              + "); check --cluster-host, --cluster-port and --cluster-members", e)));
    } else {
      started = Future.succeededFuture(Vertx.builder().with(options).withMetrics(Metrics.factory()).build());
    }
    return started.compose(v -> {
      vertx = v;
      return deployAll();
    }).compose(v -> verifyHealthy()).map(v -> readyLine(clustered));
  }

  /** Back-end services in parallel, the gateway last so it only opens its port when the rest can answer. */
  private Future<Void> deployAll() {
    List<Future<?>> backends = new ArrayList<>();
    for (ServiceName s : services) {
      if (s != ServiceName.GATEWAY) {
        backends.add(deploy(s));
      }
    }
    Future<Void> all = Future.all(backends).mapEmpty();
    if (services.contains(ServiceName.GATEWAY)) {
      all = all.compose(v -> deploy(ServiceName.GATEWAY)).mapEmpty();
    }
    return all;
  }

  private Future<String> deploy(ServiceName service) {
    return vertx.deployVerticle(ServiceCatalog.entry(service), new DeploymentOptions().setConfig(config))
        .onSuccess(id -> deployments.put(service, id))
        .recover(e -> Future.failedFuture(new IllegalStateException(service.id() + ": " + e.getMessage(), e)));
  }

  private Future<Void> verifyHealthy() {
    List<Future<?>> checks = new ArrayList<>();
    for (ServiceName s : services) {
      checks.add(vertx.eventBus().<JsonObject>request(SystemAddresses.healthCheck(s), new JsonObject(),
              new DeliveryOptions().setLocalOnly(true).setSendTimeout(5000))
          .compose(reply -> {
            HealthReport report = HealthReport.fromJson(reply.body());
            return report.up() ? Future.succeededFuture() : Future.failedFuture(s.id() + " is not healthy: " + reply.body().encode());
          }));
    }
    return Future.all(checks).mapEmpty();
  }

  private String readyLine(boolean clustered) {
    boolean gateway = services.contains(ServiceName.GATEWAY);
    Object httpPort = gateway ? vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.HTTP_PORT_KEY) : "-";
    Object bridgePort = gateway ? vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.BRIDGE_PORT_KEY) : "-";
    return "NDC ready services=" + String.join(",", ServiceName.ids(services))
        + " http=" + httpPort + " bridge=" + bridgePort + " cluster=" + (clustered ? "on" : "off");
  }

  /**
   * SIGTERM: the gateway first (clients are refused before anything behind it goes), then the producers, whose last
   * writes still reach storage, then storage and auth once no producer anywhere in the cluster is draining; then
   * leave the cluster. Each stage is fully stopped before the next begins.
   */
  void drain() {
    if (vertx == null) {
      return;
    }
    String nodeId = Settings.of(config).nodeId();
    LOG.info("draining node {}", nodeId);
    long timeoutMs = Settings.of(config).integer("node.drain_timeout_s") * 1000L;
    long deadline = System.currentTimeMillis() + timeoutMs;
    ProducerDrains producers = new ProducerDrains(vertx, nodeId);
    boolean producing = ServiceCatalog.PRODUCERS.stream().anyMatch(deployments::containsKey);
    Future<Void> drained = (producing ? producers.begin(timeoutMs) : Future.<Void>succeededFuture())
        .recover(e -> Future.succeededFuture())
        .compose(v -> undeploy(List.of(ServiceName.GATEWAY)))
        .compose(v -> undeploy(ServiceCatalog.PRODUCERS))
        .compose(v -> producing ? producers.end().recover(e -> Future.succeededFuture()) : Future.succeededFuture())
        // leave a margin of the deadline for the stores' own stop
        .compose(v -> ServiceCatalog.STORES.stream().anyMatch(deployments::containsKey)
            ? producers.awaitNone(deadline - timeoutMs / 3) : Future.succeededFuture())
        .compose(v -> undeploy(ServiceCatalog.STORES));
    try {
      drained.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("services did not stop cleanly: {}", e.toString());
    }
    // closed from this (non Vert.x) thread: the close future must not complete on an event loop it shuts down
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
      LOG.info("node drained");
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  /** Undeploys the deployed services among {@code stage}; a failed stop is logged, the drain goes on. */
  private Future<Void> undeploy(List<ServiceName> stage) {
    List<Future<Void>> stopping = stage.stream().filter(deployments::containsKey)
        .map(service -> vertx.undeploy(deployments.remove(service))
            .onFailure(e -> LOG.warn("service {} did not stop cleanly: {}", service.id(), e.toString())))
        .toList();
    return Future.join(stopping).mapEmpty();
  }

  /** The running Vert.x instance (tests and benchmarks drive a node in-process through it). */
  Vertx vertx() {
    return vertx;
  }

  private void closeQuietly() {
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }
  }

}
