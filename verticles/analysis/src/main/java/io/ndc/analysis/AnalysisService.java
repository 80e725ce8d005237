package io.ndc.analysis;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import java.util.List;

/** Entry deployable of the analysis service. */
public final class AnalysisService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.ANALYSIS;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.REDIS);
  }

  @Override
  protected String schema() {
    return null;
  }
}
