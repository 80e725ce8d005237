package io.ndc.storage;

import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trades, trading trends, financials and the data.changed publications of committed batches. */
class SeriesTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("series", new JsonObject());
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  @Test
  void tradesAreStoredOnceAndQueriedByTimeAndMakeTheLatestPrice() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.SECONDS);
    JsonArray trades = new JsonArray()
        .add(new JsonObject().put("symbol", "TSLA").put("ts", t.toString()).put("price", 250.5).put("size", 10).put("seq", 1))
        .add(new JsonObject().put("symbol", "TSLA").put("ts", t.plusSeconds(1).toEpochMilli()).put("price", 250.7).put("size", 5))
        .add(new JsonObject().put("symbol", "TSLA").put("ts", t.toString()).put("price", -1).put("size", 1).put("seq", 2))
        .add(new JsonObject().put("symbol", "TSLA").put("ts", t.plus(1, ChronoUnit.DAYS).toString()).put("price", 1).put("size", 1));
    JsonObject first = storage.call(StorageAddresses.TRADES_INGEST, new JsonObject().put("source", "ws").put("trades", trades));
    assertThat(first.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 2);
    JsonObject again = storage.call(StorageAddresses.TRADES_INGEST, new JsonObject().put("source", "ws").put("trades", trades));
    assertThat(again.getMap()).containsEntry("accepted", 0).containsEntry("unchanged", 2);

    JsonObject page = storage.call(StorageAddresses.TRADES_QUERY, new JsonObject().put("symbol", "TSLA")
        .put("from", t.minusSeconds(5).toString()).put("to", t.plusSeconds(5).toString()));
    assertThat(page.getJsonArray("items")).extracting(o -> ((JsonObject) o).getDouble("price")).containsExactly(250.5, 250.7);
    assertThat(storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "TSLA"))
        .getJsonObject("latest_price").getMap()).containsEntry("price", 250.7).containsEntry("interval", "trade");
  }

  /**
   * Live trades arrive newer than what was stored before them: such batches are appended without a lookup per row,
   * and a trade that exists anyway (another node wrote it) or a batch sent twice at once still counts exactly.
   */
  @Test
  void tradesNewerThanTheWrittenHorizonAreAppendedAndStayExactOnOverlap() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.MINUTES);
    for (int batch = 0; batch < 4; batch++) {
      JsonObject reply = storage.call(StorageAddresses.TRADES_INGEST, trades("LIVE", t.plusSeconds(10L * batch), 5, 100));
      assertThat(reply.getMap()).containsEntry("accepted", 5).containsEntry("unchanged", 0);
    }
    Instant next = t.plusSeconds(40);
    storage.sql("INSERT INTO trades (symbol, ts, seq, price, size, source, batch_id) SELECT 'LIVE', '" + next.plusSeconds(2)
        + "', 0, 99, 1, 'elsewhere', max(id) FROM ingest_batches");
    assertThat(storage.call(StorageAddresses.TRADES_INGEST, trades("LIVE", next, 5, 100)).getMap())
        .containsEntry("accepted", 4).containsEntry("revised", 1).containsEntry("unchanged", 0);

    JsonObject twice = trades("LIVE", t.plusSeconds(60), 5, 100);
    List<JsonObject> replies = new CopyOnWriteArrayList<>();
    StorageHarness.await(io.vertx.core.Future.all(
        storage.send(StorageAddresses.TRADES_INGEST, twice).onSuccess(replies::add),
        storage.send(StorageAddresses.TRADES_INGEST, twice).onSuccess(replies::add)));
    assertThat(replies.stream().mapToInt(r -> r.getInteger("accepted")).sum()).isEqualTo(5);
    assertThat(replies.stream().mapToInt(r -> r.getInteger("unchanged")).sum()).isEqualTo(5);
    assertThat(storage.sql("SELECT count(*) AS n FROM trades WHERE symbol = 'LIVE'").get(0).getLong("n")).isEqualTo(30);
  }

  /** {@code count} trades of {@code symbol}, one a second from {@code from}. */
  private static JsonObject trades(String symbol, Instant from, int count, double price) {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < count; i++) {
      rows.add(new JsonObject().put("symbol", symbol).put("ts", from.plusSeconds(i).toString()).put("price", price).put("size", 1));
    }
    return new JsonObject().put("source", "feed").put("trades", rows);
  }

  @Test
  void tradingTrendsAndFinancialsAreUpsertedAndFiltered() {
    JsonArray trends = new JsonArray()
        .add(new JsonObject().put("symbol", "005930").put("date", "2024-01-05").put("investor_type", "foreign")
            .put("buy_volume", "1000").put("sell_volume", 400).put("net_volume", 600))
        .add(new JsonObject().put("symbol", "005930").put("date", "20240105").put("investor_type", "individual")
            .put("buy_volume", 300).put("sell_volume", 900).put("net_volume", -600))
        .add(new JsonObject().put("symbol", "005930").put("date", "2024-01-08").put("investor_type", ""));
    JsonObject stored = storage.call(StorageAddresses.TRENDS_INGEST, new JsonObject().put("source", "krx").put("rows", trends));
    assertThat(stored.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 1);
    JsonObject foreign = storage.call(StorageAddresses.TRENDS_QUERY, new JsonObject().put("symbol", "005930")
        .put("start_date", "2024-01-01").put("end_date", "2024-01-31").put("investor_type", "foreign"));
    assertThat(foreign.getJsonArray("items")).hasSize(1);
    assertThat(foreign.getJsonArray("items").getJsonObject(0).getMap()).containsEntry("date", "2024-01-05")
        .containsEntry("net_volume", 600L);

    JsonArray financials = new JsonArray()
        .add(new JsonObject().put("symbol", "AAPL").put("year", 2024).put("quarter", 1).put("currency", "USD")
            .put("revenue", 90.75e9).put("net_income", 23.6e9).put("eps", 1.53))
        .add(new JsonObject().put("symbol", "AAPL").put("year", 2024).put("quarter", 5));
    JsonObject fin = storage.call(StorageAddresses.FINANCIALS_INGEST, new JsonObject().put("source", "sec").put("rows", financials));
    assertThat(fin.getMap()).containsEntry("accepted", 1).containsEntry("rejected", 1);
    financials.getJsonObject(0).put("eps", 1.54);
    JsonObject corrected = storage.call(StorageAddresses.FINANCIALS_INGEST, new JsonObject().put("source", "sec")
        .put("rows", new JsonArray().add(financials.getJsonObject(0))));
    assertThat(corrected.getMap()).containsEntry("revised", 1);
    JsonObject q1 = storage.call(StorageAddresses.FINANCIALS_QUERY, new JsonObject().put("symbol", "AAPL").put("year", "2024"));
    assertThat(q1.getJsonArray("items").getJsonObject(0).getMap()).containsEntry("quarter", 1).containsEntry("eps", 1.54);
  }

  @Test
  void everyCommittedBatchThatChangedDataIsPublished() {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    StorageHarness.await(storage.vertx.eventBus().<JsonObject>consumer(StorageAddresses.DATA_CHANGED,
        m -> events.add(m.body())).completion());
    JsonObject result = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("PUB1", "2024-05-02", 1, 2, 0.5, 1.5, 1), bar("PUB2", "2024-05-06", 1, 2, 0.5, 1.5, 1)));
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("PUB1", "2024-05-02", 1, 2, 0.5, 1.5, 1)));
    JsonObject last = storage.call(StorageAddresses.BARS_LAST, new JsonObject().put("symbol", "PUB2").put("interval", "daily"));
    assertThat(last.getString("last")).isEqualTo("2024-05-06");
    JsonObject event = events.stream().filter(e -> e.getLong("batch_id").equals(result.getLong("batch_id"))).findFirst()
        .orElseThrow();
    assertThat(event.getMap()).containsEntry("kind", "bars").containsEntry("interval", "daily")
        .containsEntry("from", "2024-05-02T00:00:00Z").containsEntry("to", "2024-05-06T00:00:00Z");
    assertThat(event.getJsonArray("symbols")).containsExactly("PUB1", "PUB2");
    // the identical second batch changed nothing and published nothing
    assertThat(events.stream().filter(e -> e.getJsonArray("symbols").contains("PUB1"))).hasSize(1);
  }
}
