package io.ndc.platform.service;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.clients.RedisClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;

/**
 * The entry deployable of a service: checks that the dependencies it needs are reachable (failing with a message
 * naming host, port and setting), prepares its PostgreSQL schema, deploys its health verticle and then its own
 * verticles. The node deploys one entry per selected service and nothing else.
 */
public abstract class ServiceEntry extends VerticleBase {
  /**
   * The service's handle on its schema's shared pool, opened before any of its verticles: a shared pool's connections
   * belong to the verticle that opened it first, and Vert.x undeploys the children before this entry, so the pool
   * stays usable while the verticles stop (a feed releases its lease, a job settles) on a clean shutdown. Opened first,
   * it also has the options {@link #openPool()} gives it: a shared pool keeps the options it was first opened with.
   */
  private Pool pool;

  public abstract ServiceName service();

  /** What this service cannot start without. */
  protected List<Dependency> dependencies() {
    return List.of();
  }

  /** The PostgreSQL schema the service owns (its Flyway migrations live in {@code db/<schema>}); null for none. */
  protected String schema() {
    return null;
  }

  /**
   * Opens the service's pool on {@link #schema()}, before anything else of the service does, so these are the options
   * of the pool every verticle's handle and the health check use. A service with pool settings of its own (storage's
   * prepared statement cache) overrides this, and its verticles open their handles the same way.
   */
  protected Pool openPool() {
    return Postgres.pool(vertx, config(), schema());
  }

  /**
   * Information for the service's health report that does not decide up or down (e.g. the collector's sources);
   * called on every health check, so it must only read in-memory state.
   */
  protected JsonObject healthDetails() {
    return new JsonObject();
  }

  /** Deploys the service's own verticles; completes when all are up. */
  protected Future<?> deployComponents() {
    return Future.succeededFuture();
  }

  @Override
  public final Future<?> start() {
    return verifyDependencies()
        .onSuccess(v -> pool = dependencies().contains(Dependency.POSTGRES) ? openPool() : null)
        .compose(v -> deploy(() -> new ServiceHealthVerticle(service(), dependencies(), pool, this::healthDetails)))
        .compose(v -> deployComponents());
  }

  private Future<Void> verifyDependencies() {
    Future<Void> chain = Future.succeededFuture();
    for (Dependency d : dependencies()) {
      chain = chain.compose(v -> switch (d) {
        case POSTGRES -> Postgres.prepare(vertx, config(), schema());
        case REDIS -> RedisClients.verifyReachable(vertx, config());
        case RABBITMQ -> RabbitClients.verifyReachable(vertx, config());
      });
    }
    return chain;
  }

  /** Deploys a child verticle with this service's configuration; it is undeployed with the service. */
  protected Future<String> deploy(Supplier<? extends VerticleBase> verticle) {
    return vertx.deployVerticle(verticle.get(), new DeploymentOptions().setConfig(config()));
  }

  /** Deploys {@code instances} copies of a verticle, one per event loop, for handlers that should scale. */
  protected Future<String> deploy(Supplier<? extends VerticleBase> verticle, int instances) {
    return vertx.deployVerticle(verticle::get, new DeploymentOptions().setConfig(config()).setInstances(instances));
  }
}
