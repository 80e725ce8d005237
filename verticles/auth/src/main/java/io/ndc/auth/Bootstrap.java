package io.ndc.auth;

import io.ndc.auth.crypto.PasswordHasher;
import io.ndc.auth.crypto.Tokens;
import io.ndc.auth.store.Accounts;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.Roles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-start state: the roles and permissions tables mirror {@link Roles}, and when no admin exists yet the
 * {@code admin} user is created from {@code auth.admin.email} / {@code auth.admin.password}; without a configured
 * password one is generated and printed once to stdout.
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  private Bootstrap() {
  }

  public static Future<Void> run(Vertx vertx, JsonObject config, Pool pg) {
    return syncRoles(pg).compose(v -> ensureAdmin(vertx, config, pg));
  }

  private static Future<Void> syncRoles(Pool pg) {
    List<String> roles = Roles.names();
    List<String> grantRoles = new java.util.ArrayList<>();
    List<String> grantPermissions = new java.util.ArrayList<>();
    roles.forEach(r -> Roles.permissionsOf(r).forEach(p -> {
      grantRoles.add(r);
      grantPermissions.add(p);
    }));
    return pg.withTransaction(conn -> conn.preparedQuery("INSERT INTO permissions (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(Roles.ALL_PERMISSIONS.toArray(String[]::new)))
        .compose(v -> conn.preparedQuery("INSERT INTO roles (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(roles.toArray(String[]::new))))
        .compose(v -> conn.query("DELETE FROM role_permissions").execute())
        .compose(v -> conn.preparedQuery("INSERT INTO role_permissions (role, permission) SELECT * FROM unnest($1::text[], $2::text[])")
            .execute(Tuple.tuple().addValue(grantRoles.toArray(String[]::new)).addValue(grantPermissions.toArray(String[]::new))))
        .mapEmpty());
  }

  private static Future<Void> ensureAdmin(Vertx vertx, JsonObject config, Pool pg) {
    return pg.query("SELECT 1 FROM user_roles WHERE role = 'admin' LIMIT 1").execute().compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture();
      }
      AuthSettings settings = AuthSettings.from(config);
      String email = settings.adminEmail();
      String configured = settings.adminPassword();
      boolean generated = configured == null || configured.isBlank();
      String password = generated ? Tokens.random(18) : configured;
      return new PasswordHasher(vertx).hashAsync(password)
          .compose(hash -> new Accounts(pg).create(email, "admin", hash, true, List.of(Roles.ADMIN)))
          .<Void>map(admin -> {
            if (generated) {
              // stdout on purpose: the operator needs it once, and it must not end up in log files
              System.out.println("NDC admin created: email=" + email + " password=" + password
                  + "  (shown once; change it via PATCH /api/v1/auth/profile)");
            } else {
              LOG.info("admin user {} created from the configured password", email);
            }
            return null;
          })
          .recover(e -> {
            if (e instanceof Failure f && f.status() == 409) {
              // another node created it first, or the e-mail belongs to an existing user: nothing to do here
              LOG.warn("no admin created: a user with e-mail {} already exists", email);
              return Future.succeededFuture();
            }
            return Future.failedFuture(e);
          });
    });
  }
}
