package io.ndc.collector.live;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.demo.DemoSetupVerticle;
import io.ndc.collector.testing.CollectorHarness;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.testing.Waits;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live feeds inside one node: the simulated source, the demo setup, publication, 1m bars and batched writes. */
class LiveFeedTest {
  /**
   * How long a stopped feed stays silent before the test believes it stopped for good: three reconciliations
   * ({@code reconcile_ms} 300 in the harness), each of which would have started a feed that ought to run here.
   */
  private static final Duration FEED_SILENT = Duration.ofSeconds(1);
  private static CollectorHarness h;

  @BeforeAll
  static void start() {
    h = new CollectorHarness("collector_live", new JsonObject().put("demo", true)
        .put("collector", new JsonObject().put("demo", new JsonObject().put("trades_per_second_per_symbol", 20))));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void aLiveSimulatedCollectorPublishesSequencedTradesAndBarsAndStopsWhenDeleted() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "sim").put("type", "simulated")
        .put("symbols", new JsonArray().add("AAA").add("BBB")).put("trades_per_second", 200).put("seed", 7));
    List<JsonObject> trades = new CopyOnWriteArrayList<>();
    List<JsonObject> bars = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> tradeConsumer = h.vertx.eventBus().consumer(MarketAddresses.trade("AAA"), m -> trades.add(m.body()));
    MessageConsumer<JsonObject> barConsumer = h.vertx.eventBus().consumer(MarketAddresses.bar("1m", "AAA"), m -> bars.add(m.body()));
    await(tradeConsumer.completion());
    await(barConsumer.completion());

    String id = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "sim").put("live", true)
        .put("symbols", new JsonArray().add("*"))).getString("id");

    CollectorHarness.eventually(() -> assertThat(trades).hasSizeGreaterThan(30), Duration.ofSeconds(10));
    JsonObject trade = trades.get(0);
    assertThat(trade.fieldNames()).containsExactlyInAnyOrder("type", "symbol", "price", "size", "ts", "seq");
    assertThat(trade.getString("type")).isEqualTo("trade");
    assertThat(trade.getString("symbol")).isEqualTo("AAA");
    List<Long> seqs = trades.stream().map(t -> t.getLong("seq")).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
    CollectorHarness.eventually(() -> assertThat(bars).isNotEmpty(), Duration.ofSeconds(5));
    assertThat(bars.get(0).getString("interval")).isEqualTo("1m");
    assertThat(bars.get(0).getString("type")).isEqualTo("bar");
    assertThat(bars.get(0).containsKey("final")).isTrue();
    CollectorHarness.eventually(() -> assertThat(h.storage.rows(StorageAddresses.TRADES_INGEST, "BBB")).hasSizeGreaterThan(10),
        Duration.ofSeconds(5));
    assertThat(h.storage.requests(StorageAddresses.TRADES_INGEST)).anySatisfy(b -> assertThat(b.getString("source")).isEqualTo("sim"));

    JsonObject status = h.request(CollectorAddresses.SOURCES_LIST, new JsonObject()).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(s -> s.getString("id").equals("sim")).findFirst().orElseThrow();
    assertThat(status.getDouble("freshness_s")).isNotNull();

    h.request(CollectorAddresses.COLLECTORS_DELETE, new JsonObject().put("id", id));
    // no event can say the feed stopped (a deleted collector has no row left for "released"): it has stopped once no
    // trade came for FEED_SILENT, and it must get there within a few reconciliations of the delete
    AtomicInteger lastSeen = new AtomicInteger(-1);
    Waits.await("the deleted collector's feed falls silent").atMost(FEED_SILENT.multipliedBy(3)).during(FEED_SILENT)
        .until(() -> {
          int seen = trades.size();
          return lastSeen.getAndSet(seen) == seen;
        });
    await(tradeConsumer.unregister());
    await(barConsumer.unregister());
  }

  @Test
  void aNodeThatLosesTheFeedsLeaseStopsTheFeedAndTakesItBackWhenTheLeaseIsFree() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "sim-lease").put("type", "simulated")
        .put("symbols", new JsonArray().add("LEASE")).put("trades_per_second", 100));
    List<JsonObject> trades = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = h.vertx.eventBus().consumer(MarketAddresses.trade("LEASE"), m -> trades.add(m.body()));
    await(consumer.completion());
    String id = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "sim-lease").put("live", true)
        .put("symbols", new JsonArray().add("LEASE"))).getString("id");
    CollectorHarness.eventually(() -> assertThat(trades).isNotEmpty(), Duration.ofSeconds(10));

    // another node (cut off from this one's cluster, say) holds the lease now
    await(h.pg().preparedQuery("UPDATE feed_leases SET node = 'elsewhere', expires_at = now() + interval '1 hour' WHERE collector_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id))));
    CollectorHarness.eventually(() -> assertThat(events(id)).contains("lease_lost", "released"), Duration.ofSeconds(10));
    // released: the feed is closed and drained here; while the other node holds the lease, no reconciliation restarts it
    int stopped = trades.size();
    Waits.await("no trade while another node holds the lease").atMost(FEED_SILENT.multipliedBy(2)).during(FEED_SILENT)
        .until(() -> trades.size() == stopped);

    await(h.pg().preparedQuery("DELETE FROM feed_leases WHERE collector_id = $1").execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id))));
    CollectorHarness.eventually(() -> assertThat(trades.size()).isGreaterThan(stopped + 10), Duration.ofSeconds(10));
    assertThat(events(id).stream().filter("owned"::equals)).hasSize(2);
    h.request(CollectorAddresses.COLLECTORS_DELETE, new JsonObject().put("id", id));
    await(consumer.unregister());
  }

  @Test
  void aFeedTakenOverFromANodeWhoseLeaseExpiredHasItsGapRepaired() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "sim-takeover").put("type", "simulated")
        .put("symbols", new JsonArray().add("TAKE")).put("trades_per_second", 100));
    String id = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "sim-takeover").put("live", true)
        .put("symbols", new JsonArray().add("TAKE"))).getString("id");
    CollectorHarness.eventually(() -> assertThat(events(id)).contains("owned"), Duration.ofSeconds(10));

    // another node took the feed and then died: its lease runs out without a release
    await(h.pg().preparedQuery("UPDATE feed_leases SET node = 'dead-node', expires_at = now() + interval '1500 milliseconds'"
        + " WHERE collector_id = $1").execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id))));
    CollectorHarness.eventually(() -> assertThat(events(id)).contains("lease_lost"), Duration.ofSeconds(10));
    CollectorHarness.eventually(() -> assertThat(events(id).stream().filter("owned"::equals)).hasSize(2), Duration.ofSeconds(10));
    // the gap since the dead node's last renewal goes to the source's history API; the simulated one has daily bars
    // only, so the repair is recorded as failed with that reason
    CollectorHarness.eventually(() -> assertThat(events(id)).contains("gap_detected", "gap_repair_failed"), Duration.ofSeconds(10));
    String failure = await(h.pg().preparedQuery("SELECT details::text FROM feed_events WHERE collector_id = $1 AND kind = 'gap_repair_failed'")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id)))).iterator().next().getString(0);
    assertThat(failure).contains("daily history only");
    h.request(CollectorAddresses.COLLECTORS_DELETE, new JsonObject().put("id", id));
  }

  private static List<String> events(String collectorId) {
    return await(h.pg().preparedQuery("SELECT kind FROM feed_events WHERE collector_id = $1 ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(collectorId)))).stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void theDemoRunsLiveTradesForItsSymbolsAndIngestsAYearOfDailyHistory() {
    List<JsonObject> trades = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = h.vertx.eventBus().consumer(MarketAddresses.trade("005930"), m -> trades.add(m.body()));
    await(consumer.completion());
    CollectorHarness.eventually(() -> assertThat(trades).isNotEmpty(), Duration.ofSeconds(10));
    CollectorHarness.eventually(() -> {
      for (String symbol : DemoSetupVerticle.SYMBOLS) {
        assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, symbol)).as(symbol).hasSizeBetween(250, 265);
      }
    }, Duration.ofSeconds(20));
    CollectorHarness.eventually(() -> assertThat(h.storage.rows(StorageAddresses.INSTRUMENTS_UPSERT, "005930")).singleElement()
        .satisfies(i -> {
          assertThat(i.getString("name")).isEqualTo("Samsung Electronics");
          assertThat(i.getString("market")).isEqualTo("KOSPI");
          assertThat(i.getString("currency")).isEqualTo("KRW");
        }), Duration.ofSeconds(10));
    JsonObject jobs = h.request(CollectorAddresses.JOBS_LIST, new JsonObject().put("collector_id", DemoSetupVerticle.HISTORY_COLLECTOR.toString()));
    assertThat(jobs.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("succeeded");
    await(consumer.unregister());
  }
}
