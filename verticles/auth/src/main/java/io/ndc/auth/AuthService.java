package io.ndc.auth;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.service.ServiceEntry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Entry deployable of the auth service: users, roles, tokens, second factor, OAuth2 and the audit log, kept in
 * schema {@code auth}; Redis holds the login-failure counters every node shares.
 */
public final class AuthService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.AUTH;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.REDIS);
  }

  @Override
  protected String schema() {
    return AuthContext.SCHEMA;
  }

  @Override
  protected Future<?> deployComponents() {
    Pool pg = Postgres.pool(vertx, config(), AuthContext.SCHEMA);
    return Bootstrap.run(vertx, config(), pg)
        .eventually(() -> pg.close())
        .compose(v -> deploy(SessionVerticle::new))
        .compose(v -> deploy(AccountVerticle::new))
        .compose(v -> deploy(AdminVerticle::new))
        .compose(v -> deploy(OAuth2Verticle::new));
  }
}
