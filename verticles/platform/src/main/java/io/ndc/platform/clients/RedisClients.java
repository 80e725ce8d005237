package io.ndc.platform.clients;

import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/**
 * Redis clients. The pooled client opens a new connection for the next request after a failure, so a Redis
 * restart heals without any reconnect code of ours.
 */
public final class RedisClients {
  private RedisClients() {
  }

  public static Redis create(Vertx vertx, JsonObject config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(Dependency.REDIS.url(config))
        .setMaxPoolSize(Settings.of(config).integer("redis.pool_size"))
        .setMaxPoolWaiting(Settings.of(config).integer("redis.max_pool_waiting"))
        .setMaxWaitingHandlers(Settings.of(config).integer("redis.max_waiting_handlers"));
    options.getNetClientOptions().setConnectTimeout(Settings.of(config).integer("redis.connect_timeout_ms"));
    return Redis.createClient(vertx, options);
  }

  public static Future<Void> ping(Redis redis, long timeoutMs) {
    return redis.send(Request.cmd(Command.PING)).<Void>mapEmpty().timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Start-up check: a clear failure naming host, port and setting when Redis does not answer. */
  public static Future<Void> verifyReachable(Vertx vertx, JsonObject config) {
    Redis redis = create(vertx, config);
    return ping(redis, 3000)
        .recover(e -> Future.failedFuture(Dependency.REDIS.unreachable(config, e)))
        .eventually(() -> {
          redis.close();
          return Future.succeededFuture();
        });
  }
}
