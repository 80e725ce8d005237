package io.ndc.storage;

import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bar series at every interval, as_of history and rollback, over the bus against real PostgreSQL. */
class BarQueryTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("bars_query", new JsonObject());
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static JsonObject prices(String symbol, String interval, String start, String end) {
    return storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", symbol).put("interval", interval)
        .put("start_date", start).put("end_date", end));
  }

  @Test
  void dailyBarsComeAscendingWithTheChangeAgainstThePreviousBarEvenBeforeTheRange() {
    storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("AAPL", "2024-01-05", 100, 101, 99, 100, 10),
        bar("AAPL", "2024-01-03", 100, 101, 99, 100, 10),
        bar("AAPL", "2024-01-08", 100, 111, 99, 110, 10),
        bar("AAPL", "2024-01-09", 110, 111, 98, 99, 10)));
    JsonObject reply = prices("AAPL", "daily", "2024-01-08", "2024-01-09");
    assertThat(reply.getString("name")).isEqualTo("Apple Inc.");
    assertThat(reply.getString("interval")).isEqualTo("daily");
    JsonArray prices = reply.getJsonArray("prices");
    assertThat(prices).hasSize(2);
    assertThat(prices.getJsonObject(0).getMap()).containsEntry("date", "2024-01-08").containsEntry("close", 110L)
        .containsEntry("change", 10L).containsEntry("open", 100L).containsEntry("volume", 10L);
    assertThat(prices.getJsonObject(1).getMap()).containsEntry("date", "2024-01-09").containsEntry("change", -10L);
  }

  @Test
  void weeklyAndMonthlyBarsAreAggregatedFromDailyOnes() {
    storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("AGG", "2024-01-29", 10, 12, 9, 11, 1),
        bar("AGG", "2024-01-31", 11, 15, 10, 14, 2),
        bar("AGG", "2024-02-01", 14, 14, 8, 9, 3),
        bar("AGG", "2024-02-02", 9, 10, 8.5, 10, 4),
        bar("AGG", "2024-02-05", 10, 11, 9.5, 10.5, 5)));
    JsonArray weekly = prices("AGG", "weekly", "2024-01-29", "2024-02-09").getJsonArray("prices");
    assertThat(weekly).hasSize(2);
    assertThat(weekly.getJsonObject(0).getMap()).containsEntry("date", "2024-01-29").containsEntry("open", 10L)
        .containsEntry("high", 15L).containsEntry("low", 8L).containsEntry("close", 10L).containsEntry("volume", 10L);
    assertThat(weekly.getJsonObject(1).getMap()).containsEntry("date", "2024-02-05").containsEntry("change", 5L);
    JsonArray monthly = prices("AGG", "monthly", "2024-01-01", "2024-02-29").getJsonArray("prices");
    assertThat(monthly).hasSize(2);
    assertThat(monthly.getJsonObject(0).getMap()).containsEntry("date", "2024-01-01").containsEntry("close", 14L)
        .containsEntry("volume", 3L);
    assertThat(monthly.getJsonObject(1).getMap()).containsEntry("date", "2024-02-01").containsEntry("open", 14L)
        .containsEntry("close", 10.5).containsEntry("low", 8L).containsEntry("change", -25L);
  }

  @Test
  void coarserIntradayBarsAreAggregatedFromMinuteBars() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    JsonArray rows = new JsonArray();
    for (int m = 0; m < 10; m++) {
      rows.add(new JsonObject().put("symbol", "MIN").put("ts", start.plus(m, ChronoUnit.MINUTES).toString())
          .put("open", 100 + m).put("high", 101 + m).put("low", 99 + m).put("close", 100.5 + m).put("volume", 1));
    }
    storage.call(StorageAddresses.BARS_INGEST, new JsonObject().put("interval", "1m").put("rows", rows));
    JsonObject reply = prices("MIN", "5m", start.toString(), start.plus(9, ChronoUnit.MINUTES).toString());
    JsonArray bars = reply.getJsonArray("prices");
    assertThat(bars).hasSize(2);
    assertThat(bars.getJsonObject(0).getMap()).containsEntry("ts", start.toString()).containsEntry("open", 100L)
        .containsEntry("high", 105L).containsEntry("low", 99L).containsEntry("close", 104.5).containsEntry("volume", 5L);
    assertThat(bars.getJsonObject(1).getMap()).containsEntry("open", 105L).containsEntry("close", 109.5);
    assertThat(prices("MIN", "1m", start.toString(), start.plus(9, ChronoUnit.MINUTES).toString())
        .getJsonArray("prices")).hasSize(10);
  }

  @Test
  void asOfAnswersWhatWasKnownAndRollbackRestoresWhatABatchReplaced() {
    JsonObject original = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("HIST", "2024-04-01", 10, 11, 9, 10, 1),
        bar("HIST", "2024-04-02", 10, 11, 9, 10.5, 1)));
    // what was known once the original batch committed: its rows were recorded then, the correction's later
    Instant beforeCorrection = Instant.parse(storage.call(StorageAddresses.BATCH_GET,
        new JsonObject().put("id", original.getLong("batch_id"))).getString("created_at"));
    JsonObject correction = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("HIST", "2024-04-02", 10, 12, 9, 11.5, 1),
        bar("HIST", "2024-04-03", 11.5, 12, 11, 11.7, 1)));
    assertThat(correction.getMap()).containsEntry("revised", 1).containsEntry("accepted", 1);

    assertThat(closes(prices("HIST", "daily", "2024-04-01", "2024-04-05"))).containsExactly(10.0, 11.5, 11.7);
    JsonObject past = storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "HIST")
        .put("start_date", "2024-04-01").put("end_date", "2024-04-05").put("as_of", beforeCorrection.toString()));
    assertThat(closes(past)).containsExactly(10.0, 10.5);

    JsonObject undone = storage.call(StorageAddresses.BATCH_ROLLBACK, new JsonObject().put("id", correction.getLong("batch_id")));
    assertThat(undone.getMap()).containsEntry("restored", 1L).containsEntry("removed", 1L).containsEntry("skipped", 0L);
    assertThat(closes(prices("HIST", "daily", "2024-04-01", "2024-04-05"))).containsExactly(10.0, 10.5);
    Instant afterRollback = Instant.now();

    // history still knows what the rolled-back batch said while it stood
    Instant whileCorrected = Instant.parse(storage.call(StorageAddresses.BATCH_GET,
        new JsonObject().put("id", correction.getLong("batch_id"))).getString("created_at")).plusMillis(1);
    JsonObject then = storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "HIST")
        .put("start_date", "2024-04-01").put("end_date", "2024-04-05").put("as_of", whileCorrected.toString()));
    assertThat(closes(then)).containsExactly(10.0, 11.5, 11.7);
    JsonObject now = storage.call(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "HIST")
        .put("start_date", "2024-04-01").put("end_date", "2024-04-05").put("as_of", afterRollback.toString()));
    assertThat(closes(now)).containsExactly(10.0, 10.5);

    JsonObject record = storage.call(StorageAddresses.BATCH_GET, new JsonObject().put("id", correction.getLong("batch_id")));
    assertThat(record.getMap()).containsEntry("status", "rolled_back")
        .containsEntry("rolled_back_by", undone.getLong("rollback_batch_id"));
    var again = storage.failure(StorageAddresses.BATCH_ROLLBACK, new JsonObject().put("id", correction.getLong("batch_id")));
    assertThat(again.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(storage.failure(StorageAddresses.BATCH_GET, new JsonObject().put("id", 999999)).code())
        .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
    assertThat(original.getLong("batch_id")).isLessThan(correction.getLong("batch_id"));
  }

  @Test
  void unknownSymbolsAndIntervalsAreClearErrors() {
    assertThat(storage.failure(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "NOPE")).code())
        .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
    assertThat(storage.failure(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "AAPL").put("interval", "3d"))
        .getMessage()).contains("unknown interval");
    assertThat(storage.failure(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "AAPL")
        .put("start_date", "yesterday")).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    // year 0 and BC dates are outside what PostgreSQL compares: a 400 naming them, never "timestamp out of range"
    assertThat(storage.failure(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "AAPL")
        .put("start_date", "0000-01-01")).getMessage()).contains("outside the dates NDC reads (0001-01-01 to 9999-12-31)");
    for (String outside : new String[] {"-4713-01-01", "0000-01-01", "+10000-01-01"}) {
      var refused = storage.failure(StorageAddresses.BARS_QUERY, new JsonObject().put("symbol", "AAPL")
          .put("start_date", outside));
      assertThat(refused.code()).as(outside).isEqualTo(ErrorCode.VALIDATION_ERROR);
      assertThat(refused.getMessage()).as(outside).containsAnyOf("0001-01-01 to 9999-12-31", "is not a date");
      assertThat(storage.failure(StorageAddresses.BARS_VERSIONS, new JsonObject().put("symbol", "AAPL")
          .put("date", outside)).code()).as(outside).isEqualTo(ErrorCode.VALIDATION_ERROR);
      assertThat(storage.failure(StorageAddresses.TRENDS_QUERY, new JsonObject().put("symbol", "AAPL")
          .put("end_date", outside)).code()).as(outside).isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
  }

  @Test
  void instrumentsAreSearchedByMarketSectorAndTextAndEditedByOperators() {
    JsonObject kospi = storage.call(StorageAddresses.INSTRUMENTS_LIST, new JsonObject().put("market", "kospi").put("limit", 5));
    assertThat(kospi.getJsonArray("items")).hasSize(5);
    assertThat(kospi.getJsonObject("pagination").getLong("total")).isGreaterThan(5);
    JsonObject hynix = storage.call(StorageAddresses.INSTRUMENTS_LIST, new JsonObject().put("q", "hynix"));
    assertThat(hynix.getJsonArray("items").getJsonObject(0).getString("symbol")).isEqualTo("000660");
    JsonObject semis = storage.call(StorageAddresses.INSTRUMENTS_LIST, new JsonObject().put("sector", "information technology")
        .put("market", "NASDAQ").put("q", "nv"));
    assertThat(semis.getJsonArray("items")).extracting(o -> ((JsonObject) o).getString("symbol")).containsExactly("NVDA");

    storage.call(StorageAddresses.INSTRUMENTS_UPSERT, new JsonObject().put("symbol", "acme").put("name", "Acme Corp")
        .put("market", "nyse").put("sector", "Industrials").put("currency", "usd"));
    JsonObject acme = storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "ACME"));
    assertThat(acme.getMap()).containsEntry("market", "NYSE").containsEntry("currency", "USD");
    assertThat(acme.getValue("latest_price")).isNull();
    assertThat(storage.failure(StorageAddresses.INSTRUMENTS_UPSERT, new JsonObject().put("symbol", "ACME")).getMessage())
        .contains("name is required");
  }

  private static java.util.List<Double> closes(JsonObject reply) {
    return reply.getJsonArray("prices").stream().map(o -> ((JsonObject) o).getDouble("close")).toList();
  }
}
