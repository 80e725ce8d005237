package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {

  @Test
  void theDrainStagesNameEveryServiceOnce() {
    List<ServiceName> staged = new ArrayList<>(List.of(ServiceName.GATEWAY));
    staged.addAll(ServiceCatalog.PRODUCERS);
    staged.addAll(ServiceCatalog.STORES);
    assertThat(staged).containsExactlyInAnyOrder(ServiceName.values());
  }
}
