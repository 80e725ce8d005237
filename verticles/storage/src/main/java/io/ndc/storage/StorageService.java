package io.ndc.storage;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import java.util.List;

/** Entry deployable of the storage service. */
public final class StorageService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.STORAGE;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.REDIS);
  }

  @Override
  protected String schema() {
    return "market";
  }
}
