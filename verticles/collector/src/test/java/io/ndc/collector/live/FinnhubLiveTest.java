package io.ndc.collector.live;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.testing.CollectorHarness;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Finnhub live feed against a local WebSocket server speaking Finnhub's protocol: trades, drops, resubscription, gap repair. */
class FinnhubLiveTest {
  private static CollectorHarness h;
  private static HttpServer wsServer;
  private static final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> subscriptions = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    h = new CollectorHarness("collector_finnhub", new JsonObject());
    wsServer = await(h.vertx.createHttpServer().webSocketHandler(ws -> {
      sockets.add(ws);
      ws.textMessageHandler(text -> subscriptions.add(new JsonObject(text).put("token", ws.query())));
    }).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String wsUrl() {
    return "ws://127.0.0.1:" + wsServer.actualPort() + "/";
  }

  private static long subscribes(String token) {
    return subscriptions.stream().filter(s -> s.getString("token").contains(token) && "subscribe".equals(s.getString("type"))).count();
  }

  @Test
  void tradesFlowAndADropIsReconnectedResubscribedAndItsGapRepaired() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "fh").put("type", "finnhub").put("base_url", h.vendor.baseUrl())
        .put("api_key", "fh-key").put("ws_url", wsUrl()).put("heartbeat_timeout_ms", 60_000));
    List<JsonObject> trades = new CopyOnWriteArrayList<>();
    await(h.vertx.eventBus().<JsonObject>consumer(MarketAddresses.trade("AAPL"), m -> trades.add(m.body())).completion());
    String collectorId = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "fh").put("live", true)
        .put("symbols", new JsonArray().add("AAPL"))).getString("id");

    CollectorHarness.eventually(() -> assertThat(subscribes("fh-key")).isEqualTo(1), Duration.ofSeconds(10));
    ServerWebSocket first = sockets.stream().filter(s -> s.query().contains("fh-key")).findFirst().orElseThrow();
    long now = System.currentTimeMillis();
    first.writeTextMessage(new JsonObject().put("type", "trade").put("data", new JsonArray()
        .add(new JsonObject().put("p", 190.5).put("s", "AAPL").put("t", now - 2_000).put("v", 10))
        .add(new JsonObject().put("p", 190.6).put("s", "AAPL").put("t", now - 1_500).put("v", 0))).encode());
    first.writeTextMessage("{\"type\":\"ping\"}");
    CollectorHarness.eventually(() -> assertThat(trades).singleElement().satisfies(t -> {
      assertThat(t.getDouble("price")).isEqualTo(190.5);
      assertThat(t.getDouble("size")).isEqualTo(10);
    }), Duration.ofSeconds(5));

    // the history API has the minute bars of the gap
    long minute = (now / 60_000) * 60_000 / 1000;
    h.vendor.on("/api/v1/stock/candle", new Reply(200, "application/json", new JsonObject().put("s", "ok")
        .put("t", new JsonArray().add(minute - 60).add(minute)).put("o", new JsonArray().add(190.0).add(190.4))
        .put("h", new JsonArray().add(190.7).add(190.9)).put("l", new JsonArray().add(189.9).add(190.3))
        .put("c", new JsonArray().add(190.4).add(190.8)).put("v", new JsonArray().add(1200).add(900)).encode()));
    first.close();

    CollectorHarness.eventually(() -> assertThat(subscribes("fh-key")).isEqualTo(2), Duration.ofSeconds(10));
    CollectorHarness.eventually(() -> assertThat(h.storage.requests(StorageAddresses.BARS_INGEST))
        .anySatisfy(b -> {
          assertThat(b.getString("source")).isEqualTo("fh");
          assertThat(b.getString("interval")).isEqualTo("1m");
          assertThat(b.getJsonArray("rows")).isNotEmpty();
        }), Duration.ofSeconds(10));
    assertThat(h.vendor.seen().stream().filter(s -> s.path().equals("/api/v1/stock/candle")).findFirst().orElseThrow().query().get("resolution"))
        .isEqualTo("1");
    CollectorHarness.eventually(() -> assertThat(feedEvents(collectorId))
        .contains("owned", "disconnected", "reconnected", "gap_detected", "gap_repaired"), Duration.ofSeconds(5));
    CollectorHarness.eventually(() -> {
      JsonObject source = h.request(CollectorAddresses.SOURCES_LIST, new JsonObject()).getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(s -> s.getString("id").equals("fh")).findFirst().orElseThrow();
      assertThat(source.getLong("reconnects")).isGreaterThanOrEqualTo(1);
    }, Duration.ofSeconds(5));
  }

  @Test
  void aSilentConnectionIsDroppedAndReplaced() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "fh-silent").put("type", "finnhub")
        .put("base_url", h.vendor.baseUrl()).put("api_key", "fh-silent").put("ws_url", wsUrl()).put("heartbeat_timeout_ms", 400));
    h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "fh-silent").put("live", true)
        .put("symbols", new JsonArray().add("MSFT")));
    CollectorHarness.eventually(() -> assertThat(subscribes("fh-silent")).isGreaterThanOrEqualTo(2), Duration.ofSeconds(10));
  }

  @Test
  void tooManySymbolsForOneConnectionIsRefusedUpFront() {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "fh-small").put("type", "finnhub")
        .put("base_url", h.vendor.baseUrl()).put("api_key", "k").put("ws_url", wsUrl()).put("max_symbols", 1));
    String id = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "fh-small").put("live", true)
        .put("symbols", new JsonArray().add("A").add("B"))).getString("id");
    CollectorHarness.eventually(() -> assertThat(feedEvents(id)).contains("start_failed"), Duration.ofSeconds(5));
    assertThat(subscribes("=k")).isZero();
  }

  private static List<String> feedEvents(String collectorId) {
    return await(h.pg().preparedQuery("SELECT kind FROM feed_events WHERE collector_id = $1 ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(collectorId))))
        .stream().map(r -> r.getString(0)).toList();
  }
}
