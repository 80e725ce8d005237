package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.ndc.storage.cache.MarketCache;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Storage's in-memory near cache on two cluster members: a change committed on one member is not served from the other
 * member's memory afterwards, and a hot read is answered from memory without running its load again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearCacheClusterTest {
  private static final String MEMBERS = "127.0.0.1:5813,127.0.0.1:5814";
  private final JsonObject config = new JsonObject()
      .put("redis", new JsonObject().put("url", TestConfig.REDIS_URL))
      .put("redis_prefix", "nearcache-" + UUID.randomUUID() + ":")
      .put("storage", new JsonObject().put("cache", new JsonObject().put("near_ttl_ms", 60_000)));
  private Vertx memberA;
  private Vertx memberB;
  private Context onA;
  private Context onB;
  private MarketCache cacheA;
  private MarketCache cacheB;

  private static Vertx member(int port) {
    return Vertx.builder().with(new VertxOptions()).withClusterManager(new HazelcastClusterManager(HazelcastSetup.build(
        new JsonObject().put("cluster", new JsonObject().put("members", MEMBERS).put("port", port))))).buildClustered().await();
  }

  /** Runs on the context that made the cache, as the storage verticle that owns it does. */
  private static <T> T on(Context context, Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future().await();
  }

  @BeforeAll
  void start() {
    memberA = member(5813);
    memberB = member(5814);
    onA = memberA.getOrCreateContext();
    onB = memberB.getOrCreateContext();
    cacheA = on(onA, () -> Future.succeededFuture(MarketCache.withNearCache(memberA, config)));
    cacheB = on(onB, () -> Future.succeededFuture(MarketCache.withNearCache(memberB, config)));
  }

  @AfterAll
  void stop() {
    on(onA, cacheA::close);
    on(onB, cacheB::close);
    memberA.close().await();
    memberB.close().await();
  }

  private JsonObject read(Context context, MarketCache cache, AtomicInteger loads, double price) {
    return on(context, () -> cache.instrument("NEAR", () -> {
      loads.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("symbol", "NEAR").put("latest_price", price));
    }));
  }

  @Test
  void aChangeOnOneMemberIsNotServedFromTheOtherMembersMemory() throws Exception {
    AtomicInteger loadsA = new AtomicInteger();
    AtomicInteger loadsB = new AtomicInteger();
    assertThat(read(onA, cacheA, loadsA, 1.0).getDouble("latest_price")).isEqualTo(1.0);
    assertThat(read(onB, cacheB, loadsB, 1.0).getDouble("latest_price")).isEqualTo(1.0);
    for (int i = 0; i < 50; i++) {
      read(onA, cacheA, loadsA, 99.0);
      read(onB, cacheB, loadsB, 99.0);
    }
    // A loaded from the source; B found A's answer in Redis; after that both answered from memory
    assertThat(loadsA.get() + loadsB.get()).isEqualTo(1);

    on(onA, () -> cacheA.invalidate(io.ndc.storage.cache.Invalidation.everything(List.of("NEAR"))));
    JsonObject seenByB = Waits.until(Waits.await("B drops its entry when A commits a change").atMost(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(20)),
        () -> read(onB, cacheB, loadsB, 2.0), answer -> answer.getDouble("latest_price") == 2.0, JsonObject::encode);
    assertThat(seenByB.getDouble("latest_price")).as("B drops its entry when A commits a change").isEqualTo(2.0);
    assertThat(read(onA, cacheA, loadsA, 3.0).getDouble("latest_price")).as("A reads the new answer").isEqualTo(2.0);
  }
}
