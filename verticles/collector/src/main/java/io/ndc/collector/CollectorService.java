package io.ndc.collector;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import java.util.List;

/** Entry deployable of the collector service. */
public final class CollectorService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.COLLECTOR;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.POSTGRES, Dependency.RABBITMQ);
  }

  @Override
  protected String schema() {
    return "collector";
  }
}
