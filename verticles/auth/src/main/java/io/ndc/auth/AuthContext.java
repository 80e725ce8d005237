package io.ndc.auth;

import io.ndc.auth.crypto.PasswordHasher;
import io.ndc.auth.store.Accounts;
import io.ndc.auth.store.AuditLog;
import io.ndc.auth.token.KeyRing;
import io.ndc.auth.token.LoginThrottle;
import io.ndc.auth.token.Sessions;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.clients.RedisClients;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/** The parts every auth verticle works with, built from the service configuration. */
public final class AuthContext {
  public static final String SCHEMA = "auth";

  public final JsonObject config;
  public final AuthSettings settings;
  public final Pool pg;
  public final Redis redis;
  public final SecretBox box;
  public final Accounts accounts;
  public final AuditLog audit;
  public final PasswordHasher hasher;
  public final KeyRing keys;
  public final Sessions sessions;
  public final LoginThrottle throttle;

  public AuthContext(Vertx vertx, JsonObject config) {
    this.config = config;
    this.settings = AuthSettings.from(config);
    this.pg = Postgres.pool(vertx, config, SCHEMA);
    this.redis = RedisClients.create(vertx, config);
    this.box = SecretBox.fromConfig(config);
    this.accounts = new Accounts(pg);
    this.audit = new AuditLog(pg);
    this.hasher = new PasswordHasher(vertx);
    this.keys = new KeyRing(vertx, pg, box, settings);
    this.sessions = new Sessions(vertx, pg, keys, settings);
    this.throttle = new LoginThrottle(redis, settings);
  }

  public void close() {
    redis.close();
    pg.close();
  }
}
