package io.ndc.platform.health;

import io.ndc.platform.clients.Dependency;
import io.ndc.platform.clients.RabbitClients;
import io.ndc.platform.clients.RedisClients;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Live checks of the dependencies a service uses, each through the dependency's named breaker so an outage
 * opens it and a recovery closes it again. The clients held here heal by themselves once the dependency is back.
 */
public final class DependencyChecks implements AutoCloseable {
  private static final long CHECK_TIMEOUT_MS = 2000;

  private final String name;
  private final Supplier<Future<Void>> probe;
  private final Runnable close;
  private final CircuitBreaker breaker;

  private DependencyChecks(Vertx vertx, String name, Supplier<Future<Void>> probe, Runnable close) {
    this.name = name;
    this.probe = probe;
    this.close = close;
    this.breaker = Breakers.get(vertx, name);
  }

  /**
   * A check of {@code dependency}. PostgreSQL is checked through the service's own pool, which the service opened and
   * closes: a check that opened the shared pool first would fix its options (a shared pool keeps its first ones).
   */
  public static DependencyChecks create(Vertx vertx, JsonObject config, Dependency dependency, Pool servicePool) {
    switch (dependency) {
      case POSTGRES:
        return new DependencyChecks(vertx, dependency.id(),
            () -> servicePool.query("SELECT 1").execute().<Void>mapEmpty().timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS),
            () -> { });
      case REDIS: {
        Redis redis = RedisClients.create(vertx, config);
        return new DependencyChecks(vertx, dependency.id(), () -> RedisClients.ping(redis, CHECK_TIMEOUT_MS), redis::close);
      }
      case RABBITMQ: {
        RabbitMQClient rabbit = RabbitClients.create(vertx, config);
        // the first start may fail when the broker is down; the reconnect loop keeps trying in the background
        rabbit.start();
        return new DependencyChecks(vertx, dependency.id(),
            () -> rabbit.isConnected() && rabbit.isOpenChannel()
                ? Future.succeededFuture()
                : Future.failedFuture("not connected to " + dependency.host(config) + ":" + dependency.port(config)),
            rabbit::stop);
      }
      default:
        throw new IllegalArgumentException("no check for " + dependency);
    }
  }

  public String name() {
    return name;
  }

  /** The procedure registered with vertx-health-check: OK, or KO with the reason under {@code detail}. */
  public void check(Promise<Status> result) {
    breaker.<Void>execute(promise -> probe.get().onComplete(promise)).onComplete(
        ok -> result.complete(Status.OK()),
        e -> result.complete(Status.KO(new JsonObject().put("detail", e.getMessage() == null ? e.toString() : e.getMessage()))));
  }

  @Override
  public void close() {
    close.run();
  }
}
