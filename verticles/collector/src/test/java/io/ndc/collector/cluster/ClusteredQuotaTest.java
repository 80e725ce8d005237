package io.ndc.collector.cluster;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.source.SourceQuota;
import io.ndc.collector.testing.CollectorHarness;
import io.ndc.collector.testing.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two clustered nodes in one JVM draw from one source's bucket: it lives in a Hazelcast counter, not on a node. */
class ClusteredQuotaTest {
  private static final List<Integer> PORTS = List.of(5841, 5842);
  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void start() {
    String cluster = "quota-" + UUID.randomUUID();
    nodeA = node(cluster, PORTS.get(0));
    nodeB = node(cluster, PORTS.get(1));
  }

  private static Vertx node(String cluster, int port) {
    return await(Vertx.builder().withClusterManager(new HazelcastClusterManager(LocalCluster.hazelcast(cluster, port, PORTS)))
        .buildClustered());
  }

  @AfterAll
  static void stop() {
    await(Future.join(nodeA.close(), nodeB.close()));
  }

  @Test
  void aBurstTakenOnOneNodeMakesTheOtherWait() {
    SourceQuota onA = new SourceQuota(nodeA, "shared-slow", 60, 3); // a token a second, three in the bucket
    SourceQuota onB = new SourceQuota(nodeB, "shared-slow", 60, 3);
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      await(onA.acquire());
    }
    assertThat(await(onB.state()).getInteger("available")).isZero();

    // granted no sooner than 950 ms after A's burst began, when the bucket had refilled: B waited for A's tokens
    AtomicLong grantedNanos = new AtomicLong();
    await(onB.acquire().onSuccess(v -> grantedNanos.set(System.nanoTime())));
    assertThat((grantedNanos.get() - started) / 1_000_000).isGreaterThanOrEqualTo(950);
  }

  @Test
  void bothNodesTogetherGetTheBurstThenOneRequestPerInterval() {
    int perMinute = 3_000; // a token every 20 ms
    int burst = 4;
    List<Long> grantedMs = new CopyOnWriteArrayList<>();
    long startedMs = System.currentTimeMillis();
    List<Future<Void>> grants = new ArrayList<>();
    for (Vertx node : List.of(nodeA, nodeB)) {
      SourceQuota quota = new SourceQuota(node, "shared-fast", perMinute, burst);
      for (int i = 0; i < 15; i++) {
        grants.add(quota.acquire().onSuccess(v -> grantedMs.add(System.currentTimeMillis())));
      }
    }
    await(Future.all(grants));

    List<Long> sorted = new ArrayList<>(grantedMs);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(30);
    for (int k = burst; k < sorted.size(); k++) {
      assertThat(sorted.get(k) - startedMs).as("grant %d", k + 1).isGreaterThanOrEqualTo((k + 1L - burst) * 20 - 1);
    }
  }
}
