package io.ndc.node;

import io.ndc.analysis.AnalysisService;
import io.ndc.auth.AuthService;
import io.ndc.collector.CollectorService;
import io.ndc.contract.ServiceName;
import io.ndc.gateway.GatewayService;
import io.ndc.notification.NotificationService;
import io.ndc.platform.service.ServiceEntry;
import io.ndc.storage.StorageService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which entry deployable each service name stands for, and how {@code --services} is read. */
final class ServiceCatalog {
  /** Services that write to or read from the stores over the bus: a draining node stops them after the gateway. */
  static final List<ServiceName> PRODUCERS = List.of(ServiceName.COLLECTOR, ServiceName.ANALYSIS, ServiceName.NOTIFICATION);
  /** What the producers (and the gateway) depend on: stopped last, once no producer in the cluster is draining. */
  static final List<ServiceName> STORES = List.of(ServiceName.STORAGE, ServiceName.AUTH);

  private ServiceCatalog() {
  }

  static ServiceEntry entry(ServiceName service) {
    return switch (service) {
      case GATEWAY -> new GatewayService();
      case AUTH -> new AuthService();
      case COLLECTOR -> new CollectorService();
      case STORAGE -> new StorageService();
      case ANALYSIS -> new AnalysisService();
      case NOTIFICATION -> new NotificationService();
    };
  }

  /** "all" or a comma list; order is normalised to the catalog order, duplicates dropped. */
  static List<ServiceName> parse(String list) {
    if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) {
      return List.of(ServiceName.values());
    }
    Set<ServiceName> chosen = new LinkedHashSet<>();
    for (String id : list.split(",")) {
      if (!id.isBlank()) {
        chosen.add(ServiceName.of(id));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("--services names no service");
    }
    List<ServiceName> ordered = new ArrayList<>(Arrays.asList(ServiceName.values()));
    ordered.retainAll(chosen);
    return ordered;
  }
}
