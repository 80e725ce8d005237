package io.ndc.platform.service;

import io.ndc.contract.HealthReport;
import io.ndc.contract.HealthReport.DependencyStatus;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.platform.bus.Handlers;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.config.Settings;
import io.ndc.platform.health.DependencyChecks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import io.ndc.platform.health.Breakers;

/** Answers {@code ndc.<service>.health.check} with the live state of the service's dependencies, and {@code node.info}. */
public final class ServiceHealthVerticle extends VerticleBase {
  /** A check that takes longer than this is reported down (vertx-health-check's procedure timeout). */
  private static final long CHECK_TIMEOUT_MS = 2500;
  private final ServiceName service;
  private final List<Dependency> dependencies;
  /** The service's PostgreSQL pool, checked by the postgres check; null when the service uses none. */
  private final Pool pool;
  private final Supplier<JsonObject> details;
  private final List<DependencyChecks> checks = new ArrayList<>();
  private HealthChecks health;

  public ServiceHealthVerticle(ServiceName service, List<Dependency> dependencies, Pool pool, Supplier<JsonObject> details) {
    this.service = service;
    this.dependencies = dependencies;
    this.pool = pool;
    this.details = details;
  }

  @Override
  public Future<?> start() {
    health = HealthChecks.create(vertx);
    dependencies.forEach(d -> {
      DependencyChecks check = DependencyChecks.create(vertx, config(), d, pool);
      checks.add(check);
      health.register(check.name(), CHECK_TIMEOUT_MS, check::check);
    });
    JsonObject info = new JsonObject()
        .put("service", service.id())
        .put("node", Settings.of(config()).nodeId())
        .put("version", Settings.of(config()).string("node.version"))
        .put("started_at", Instant.now().toString());
    return Future.all(
        vertx.eventBus().consumer(SystemAddresses.healthCheck(service), Handlers.json(body -> report().map(HealthReport::toJson)))
            .completion(),
        vertx.eventBus().consumer(SystemAddresses.nodeInfo(service), Handlers.json(body -> Future.succeededFuture(info)))
            .completion());
  }

  private Future<HealthReport> report() {
    return health.checkStatus().map(result -> {
      List<DependencyStatus> statuses = result.getChecks() == null ? List.of() : result.getChecks().stream()
          .map(c -> new DependencyStatus(c.getId(), Boolean.TRUE.equals(c.getUp()), detail(c)))
          .toList();
      boolean up = statuses.stream().allMatch(DependencyStatus::up);
      JsonObject breakers = new JsonObject();
      Breakers.states(vertx).forEach((name, state) -> breakers.put(name, state.name()));
      JsonObject info = details.get().copy().put("breakers_on_node", breakers);
      return new HealthReport(service.id(), Settings.of(config()).nodeId(), up, statuses, info);
    });
  }

  private static String detail(CheckResult check) {
    if (Boolean.TRUE.equals(check.getUp())) {
      return null;
    }
    if (check.getData() != null && check.getData().getString("detail") != null) {
      return check.getData().getString("detail");
    }
    return check.getFailure() == null ? "down" : String.valueOf(check.getFailure().getMessage());
  }

  @Override
  public Future<?> stop() {
    checks.forEach(DependencyChecks::close);
    return Future.succeededFuture();
  }
}
