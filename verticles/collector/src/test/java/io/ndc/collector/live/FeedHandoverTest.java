package io.ndc.collector.live;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.testing.CollectorHarness;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.platform.clients.Postgres;
import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that stops cleanly (SIGTERM undeploys its services) hands its feeds over at once: the lease row is deleted
 * and the release recorded, so another node does not have to wait for the lease to expire.
 */
class FeedHandoverTest {
  private final CollectorHarness h = new CollectorHarness("collector_handover",
      new JsonObject().put("collector", new JsonObject().put("live", new JsonObject().put("lease_ms", 60_000))));

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void stoppingTheServiceReleasesTheLeaseAndRecordsTheRelease() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "sim").put("type", "simulated")
        .put("symbols", new JsonArray().add("HAND")).put("trades_per_second", 50));
    String id = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "sim").put("live", true)
        .put("symbols", new JsonArray().add("HAND"))).getString("id");
    CollectorHarness.eventually(() -> assertThat(query("SELECT kind FROM collector.feed_events WHERE collector_id = $1", id)).contains("owned"),
        Duration.ofSeconds(10));

    // as NdcNode drains: the service's top-level deployment is undeployed (its verticles go with it)
    List<String> services = ((VertxInternal) h.vertx).deploymentManager().deployments().stream().filter(d -> !d.isChild())
        .map(DeploymentContext::id).toList();
    await(Future.join(services.stream().map(h.vertx::undeploy).toList()));

    assertThat(query("SELECT node FROM collector.feed_leases WHERE collector_id = $1", id)).as("lease rows").isEmpty();
    assertThat(query("SELECT kind FROM collector.feed_events WHERE collector_id = $1 ORDER BY id", id)).containsExactly("owned", "released");
  }

  private List<String> query(String sql, String id) {
    // a pool of its own: the service's shared pool closed with the service
    return await(Postgres.pool(h.vertx, h.config, "public").preparedQuery(sql).execute(Tuple.of(UUID.fromString(id)))).stream().map(r -> r.getString(0)).toList();
  }
}
