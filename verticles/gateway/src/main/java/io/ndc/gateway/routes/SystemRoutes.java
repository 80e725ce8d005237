package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Operator views of the services: each row asks the service itself, wherever in the cluster it runs. */
public final class SystemRoutes {
  private SystemRoutes() {
  }

  public static List<RouteSpec> rows() {
    return Arrays.stream(ServiceName.values())
        .flatMap(s -> Stream.of(
            route(HttpMethod.GET, "/system/services/" + s.id())
                .permission(Permissions.SYSTEM_READ)
                .address(SystemAddresses.healthCheck(s))
                .doc("system", "Health of the " + s.id() + " service as it reports it, with the node serving it")
                .build(),
            route(HttpMethod.GET, "/system/services/" + s.id() + "/node")
                .permission(Permissions.SYSTEM_READ)
                .address(SystemAddresses.nodeInfo(s))
                .doc("system", "Which node serves the " + s.id() + " service, its version and start time")
                .build()))
        .toList();
  }
}
