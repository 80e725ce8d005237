package io.ndc.auth;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import java.util.List;

/** Entry deployable of the auth service. */
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
    return "auth";
  }
}
