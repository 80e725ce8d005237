package io.ndc.storage;

import static io.ndc.storage.StorageHarness.await;
import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.testing.TcpProxy;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis cache in front of PostgreSQL: exact invalidation by committed batches, and life without Redis. */
class CacheTest {
  private StorageHarness storage;
  private TcpProxy proxy;
  private Redis redis;

  @AfterEach
  void stop() {
    if (redis != null) {
      redis.close();
    }
    storage.close();
  }

  private TreeSet<String> cachedKeys() {
    Response keys = await(RedisAPI.api(redis).keys(storage.database + ":storage:*"));
    TreeSet<String> names = new TreeSet<>();
    keys.forEach(k -> names.add(k.toString().substring(storage.database.length() + ":storage:".length())));
    return names;
  }

  private JsonObject prices(String symbol, String start, String end) {
    return storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", symbol).put("start_date", start)
        .put("end_date", end));
  }

  private static double lastClose(JsonObject reply) {
    var prices = reply.getJsonArray("prices");
    return prices.getJsonObject(prices.size() - 1).getDouble("close");
  }

  @Test
  void aCommittedBatchDeletesExactlyTheEntriesItChanged() {
    storage = StorageHarness.start("cache_exact", new JsonObject());
    redis = Redis.createClient(storage.vertx, TestConfig.REDIS_URL);
    storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("MSFT", "2024-01-02", 10, 11, 9, 10, 1), bar("MSFT", "2024-06-03", 10, 11, 9, 10, 1),
        bar("NVDA", "2024-01-02", 10, 11, 9, 10, 1)));
    prices("MSFT", "2024-01-01", "2024-01-31");
    prices("MSFT", "2024-06-01", "2024-06-30");
    storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "MSFT").put("interval", "monthly")
        .put("start_date", "2024-01-01").put("end_date", "2024-01-31"));
    prices("NVDA", "2024-01-01", "2024-01-31");
    storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "MSFT"));
    storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "NVDA"));
    TreeSet<String> before = cachedKeys();
    assertThat(before).contains("latest:MSFT", "latest:NVDA", "instrument:MSFT", "instrument:NVDA");
    assertThat(before.stream().filter(k -> k.startsWith("bars:"))).hasSize(4);

    // a served entry is what the cache answers: a change behind its back is not seen until a batch says so
    storage.sql("UPDATE bars SET close = 10.5 WHERE symbol = 'MSFT' AND ts = '2024-06-03'");
    assertThat(lastClose(prices("MSFT", "2024-06-01", "2024-06-30"))).isEqualTo(10.0);

    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("MSFT", "2024-01-02", 10, 12, 9, 11, 1)));
    TreeSet<String> after = cachedKeys();
    List<String> gone = before.stream().filter(k -> !after.contains(k)).toList();
    assertThat(gone).containsExactlyInAnyOrder("latest:MSFT", "instrument:MSFT",
        "bars:MSFT|daily|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z",
        "bars:MSFT|monthly|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z");
    assertThat(lastClose(prices("MSFT", "2024-01-01", "2024-01-31"))).isEqualTo(11.0);
    assertThat(storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "MSFT"))
        .getJsonObject("latest_price").getDouble("price")).isEqualTo(10.5);

    // an identical batch changes nothing and leaves the cache alone
    TreeSet<String> warm = cachedKeys();
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("MSFT", "2024-01-02", 10, 12, 9, 11, 1)));
    assertThat(cachedKeys()).isEqualTo(warm);

    // an instrument edit forgets every cached answer of that symbol (they carry its name), and only those
    storage.call(StorageAddresses.INSTRUMENTS_UPSERT, new JsonObject().put("symbol", "MSFT").put("name", "Microsoft Corp.")
        .put("market", "NASDAQ"));
    assertThat(cachedKeys().stream().filter(k -> k.startsWith("bars:MSFT") || k.equals("latest:MSFT") || k.equals("instrument:MSFT"))).isEmpty();
    assertThat(cachedKeys()).contains("bars:NVDA|daily|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z", "latest:NVDA",
        "instrument:NVDA");
    assertThat(storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "MSFT")).getString("name"))
        .isEqualTo("Microsoft Corp.");
    assertThat(prices("MSFT", "2024-01-01", "2024-01-31").getString("name")).isEqualTo("Microsoft Corp.");
  }

  @Test
  void aQueryWithoutEndDateIsAnsweredFromTheCacheUntilANewBarArrives() {
    storage = StorageHarness.start("cache_open_end", new JsonObject());
    redis = Redis.createClient(storage.vertx, TestConfig.REDIS_URL);
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("ORCL", today.minusDays(3).toString(), 10, 11, 9, 10, 1)));
    JsonObject noDates = new JsonObject().put("symbol", "ORCL");
    JsonObject startOnly = new JsonObject().put("symbol", "ORCL").put("start_date", today.minusDays(30).toString());
    for (int i = 0; i < 3; i++) {
      assertThat(lastClose(storage.call(StorageAddresses.BARS_QUERY, noDates))).isEqualTo(10.0);
      assertThat(lastClose(storage.call(StorageAddresses.BARS_QUERY, startOnly))).isEqualTo(10.0);
    }
    assertThat(cachedKeys().stream().filter(k -> k.startsWith("bars:ORCL"))).hasSize(2);
    Response index = await(RedisAPI.api(redis).smembers(storage.database + ":storage:idx:ORCL"));
    assertThat(index.size()).isEqualTo(2);

    // answered from the cache: a change behind its back is not seen
    storage.sql("UPDATE bars SET close = 10.5 WHERE symbol = 'ORCL'");
    assertThat(lastClose(storage.call(StorageAddresses.BARS_QUERY, noDates))).isEqualTo(10.0);

    // a new bar after every earlier end makes both answers new
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("ORCL", today.toString(), 10, 13, 9, 12, 1)));
    assertThat(lastClose(storage.call(StorageAddresses.BARS_QUERY, noDates))).isEqualTo(12.0);
    assertThat(lastClose(storage.call(StorageAddresses.BARS_QUERY, startOnly))).isEqualTo(12.0);
  }

  @Test
  void withRedisDownEverythingAnswersFromPostgresAndNothingStaleIsServedAfterwards() {
    String[] hostPort = TestConfig.REDIS_URL.replace("redis://", "").split(":");
    io.vertx.core.Vertx proxyVertx = io.vertx.core.Vertx.vertx();
    proxy = new TcpProxy(proxyVertx, hostPort[0], Integer.parseInt(hostPort[1]));
    int port = await(proxy.up());
    try {
      // the breaker's reset is a setting: short here, so the wait below is for the retry, not for the breaker
      storage = StorageHarness.start("cache_down", new JsonObject().put("redis",
          new JsonObject().put("url", "redis://127.0.0.1:" + port))
          .put("storage", new JsonObject().put("cache", new JsonObject().put("breaker_reset_ms", 500))));
      redis = Redis.createClient(storage.vertx, TestConfig.REDIS_URL);
      storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("AMZN", "2024-01-02", 10, 11, 9, 10, 1)));
      assertThat(lastClose(prices("AMZN", "2024-01-01", "2024-01-31"))).isEqualTo(10.0);
      assertThat(cachedKeys()).contains("bars:AMZN|daily|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z");

      await(proxy.down());
      JsonObject revised = storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("AMZN", "2024-01-02", 10, 12, 9, 11, 1)));
      assertThat(revised.getInteger("revised")).isEqualTo(1);
      for (int i = 0; i < 8; i++) {
        assertThat(lastClose(prices("AMZN", "2024-01-01", "2024-01-31"))).isEqualTo(11.0);
      }
      assertThat(storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "AMZN"))
          .getJsonObject("latest_price").getDouble("price")).isEqualTo(11.0);
      // the stale entry is still in Redis: the invalidation could not reach it
      assertThat(cachedKeys()).contains("bars:AMZN|daily|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z");

      // steady ingest during the outage: the kept invalidations stay bounded (merged per symbol)
      for (int i = 0; i < 130; i++) {
        storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("OUT" + i, "2024-01-02", 10, 11, 9, 10, 1)));
      }
      assertThat(storage.vertx.sharedData().getLocalMap("ndc.storage.cache.pending." + storage.config.getString("redis_prefix")
          + "storage:").size()).isBetween(1, 101);

      // Redis back and nothing reads: the background retry still removes the stale entry
      await(proxy.up());
      Waits.await("the background retry removes the stale entry").atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(cachedKeys()).doesNotContain("bars:AMZN|daily|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z"));
      assertThat(lastClose(prices("AMZN", "2024-01-01", "2024-01-31"))).isEqualTo(11.0);
      assertThat(lastClose(prices("AMZN", "2024-01-01", "2024-01-31"))).isEqualTo(11.0);
    } finally {
      await(proxyVertx.close());
    }
  }
}
