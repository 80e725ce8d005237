package io.ndc.platform.service;

import io.ndc.contract.HealthReport;
import io.ndc.contract.HealthReport.DependencyStatus;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.health.DependencyChecks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Answers {@code ndc.<service>.health.check} with the live state of the service's dependencies, and {@code node.info}. */
public final class ServiceHealthVerticle extends VerticleBase {
  private final ServiceName service;
  private final List<Dependency> dependencies;
  private final String schema;
  private final List<DependencyChecks> checks = new ArrayList<>();

  public ServiceHealthVerticle(ServiceName service, List<Dependency> dependencies, String schema) {
    this.service = service;
    this.dependencies = dependencies;
    this.schema = schema;
  }

  @Override
  public Future<?> start() {
    dependencies.forEach(d -> checks.add(DependencyChecks.create(vertx, config(), d, schema)));
    JsonObject info = new JsonObject()
        .put("service", service.id())
        .put("node", ConfigPath.string(config(), "node.id", "local"))
        .put("version", ConfigPath.string(config(), "node.version", "dev"))
        .put("started_at", Instant.now().toString());
    return Future.all(
        vertx.eventBus().consumer(SystemAddresses.healthCheck(service), Handlers.json(body -> report().map(HealthReport::toJson)))
            .completion(),
        vertx.eventBus().consumer(SystemAddresses.nodeInfo(service), Handlers.json(body -> Future.succeededFuture(info)))
            .completion());
  }

  private Future<HealthReport> report() {
    List<Future<DependencyStatus>> results = checks.stream().map(DependencyChecks::check).toList();
    return Future.join(results).transform(done -> {
      List<DependencyStatus> statuses = results.stream().map(Future::result).toList();
      boolean up = statuses.stream().allMatch(DependencyStatus::up);
      return Future.succeededFuture(new HealthReport(service.id(), ConfigPath.string(config(), "node.id", "local"), up, statuses));
    });
  }

  @Override
  public Future<?> stop() {
    checks.forEach(DependencyChecks::close);
    return Future.succeededFuture();
  }
}
