package io.ndc.gateway;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Dependency;
import io.ndc.platform.service.ServiceEntry;
import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import java.util.List;

/** The gateway service: HTTP REST, docs and operational endpoints. Redis holds its cluster-wide rate limits. */
public final class GatewayService extends ServiceEntry {

  @Override
  public ServiceName service() {
    return ServiceName.GATEWAY;
  }

  @Override
  protected List<Dependency> dependencies() {
    return List.of(Dependency.REDIS);
  }

  @Override
  protected Future<?> deployComponents() {
    // more instances spread connections over more event loops; on 2 shared cores one measured faster (benchmarks.md)
    return deploy(HttpGatewayVerticle::new, Settings.of(config()).integer("gateway.instances"));
  }
}
