package io.ndc.storage;

import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bar ingest over the bus against real PostgreSQL: counts, version accounting, rejections, instruments. */
class BarIngestTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("bars_ingest", new JsonObject());
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  @Test
  void identicalRowsAreUnchangedAndDifferentOnesAreNewVersionsWithTheOldRowKept() {
    JsonObject first = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("VER1", "2024-01-02", 10, 11, 9, 10.5, 100),
        bar("VER1", "2024-01-03", 10.5, 12, 10, 11.5, 200),
        bar("VER1", "2024-01-04", 11.5, 12, 11, 11.8, 300)));
    assertThat((first).getMap()).containsEntry("accepted", 3).containsEntry("unchanged", 0).containsEntry("revised", 0)
        .containsEntry("rejected", 0);

    JsonObject again = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("VER1", "2024-01-02", 10, 11, 9, 10.5, 100),
        bar("VER1", "2024-01-03", 10.5, 12, 10, 11.5, 200),
        bar("VER1", "2024-01-04", 11.5, 12, 11, 11.8, 300)));
    assertThat((again).getMap()).containsEntry("accepted", 0).containsEntry("unchanged", 3).containsEntry("revised", 0);

    JsonObject corrected = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("VER1", "2024-01-03", 10.5, 12, 10, 11.6, 200),
        bar("VER1", "2024-01-04", 11.5, 12, 11, 11.8, 300),
        bar("VER1", "2024-01-05", 11.8, 12.5, 11.7, 12.2, 250)));
    assertThat((corrected).getMap()).containsEntry("accepted", 1).containsEntry("unchanged", 1).containsEntry("revised", 1);

    JsonObject history = storage.call(StorageAddresses.BARS_VERSIONS,
        new JsonObject().put("symbol", "VER1").put("date", "2024-01-03"));
    JsonArray versions = history.getJsonArray("versions");
    assertThat(versions).hasSize(2);
    assertThat((versions.getJsonObject(0)).getMap()).containsEntry("version", 1).containsEntry("close", 11.5)
        .containsEntry("current", false).containsEntry("batch_id", first.getLong("batch_id"));
    assertThat(versions.getJsonObject(0).getString("replaced_at")).isNotNull();
    assertThat((versions.getJsonObject(1)).getMap()).containsEntry("version", 2).containsEntry("close", 11.6)
        .containsEntry("current", true).containsEntry("batch_id", corrected.getLong("batch_id"));

    JsonObject batchRecord = storage.call(StorageAddresses.BATCH_GET, new JsonObject().put("id", corrected.getLong("batch_id")));
    assertThat((batchRecord).getMap()).containsEntry("status", "committed").containsEntry("kind", "bars")
        .containsEntry("accepted", 1).containsEntry("revised", 1).containsEntry("unchanged", 1);
    assertThat(batchRecord.getJsonArray("symbols")).containsExactly("VER1");
  }

  @Test
  void badRowsAreRejectedWithTheirReasonAndTheRestIsStored() {
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    JsonObject result = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("REJ1", "2024-02-01", 10, 11, 9, 10.5, 100),
        bar("REJ1", "2024-02-02", 10, 11, 10.2, 10.5, 100),
        bar("REJ1", "2024-02-05", 10, 10.4, 9, 10.5, 100),
        bar("REJ1", tomorrow, 10, 11, 9, 10.5, 100),
        bar("REJ1", "2024-02-06", 10, 11, 9, 10.5, -1),
        bar("REJ1", "2024-02-01", 10, 11, 9, 10.6, 100),
        new JsonObject().put("symbol", "REJ1").put("date", "2024-02-07").put("open", "abc").put("high", 1)
            .put("low", 1).put("close", 1),
        new JsonObject().put("symbol", "REJ1").put("ts", "2024-02-08T10:00:00Z").put("open", 1).put("high", 1)
            .put("low", 1).put("close", 1),
        bar("REJ1", "2024-02-09", 10, 11, 9, 10.5, 100)));
    assertThat((result).getMap()).containsEntry("accepted", 2).containsEntry("rejected", 7);

    JsonObject page = storage.call(StorageAddresses.BATCH_REJECTIONS, new JsonObject().put("id", result.getLong("batch_id")));
    List<String> reasons = page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("reason")).toList();
    assertThat(reasons).hasSize(7);
    assertThat(reasons.get(0)).contains("low 10.2 is above min(open, close)");
    assertThat(reasons.get(1)).contains("high 10.4 is below max(open, close)");
    assertThat(reasons.get(2)).contains("in the future");
    assertThat(reasons.get(3)).contains("volume -1.0 is negative");
    assertThat(reasons.get(4)).contains("duplicate of row 1");
    assertThat(reasons.get(5)).contains("open 'abc' is not a number");
    assertThat(reasons.get(6)).contains("not aligned to the daily interval");
    JsonObject firstRejected = page.getJsonArray("items").getJsonObject(0);
    assertThat((firstRejected).getMap()).containsEntry("row_index", 2).containsEntry("symbol", "REJ1");
    assertThat((firstRejected.getJsonObject("raw")).getMap()).containsEntry("low", 10.2).containsEntry("date", "2024-02-02");
    assertThat((page.getJsonObject("pagination")).getMap()).containsEntry("total", 7L);

    assertThat(storage.sql("SELECT count(*) AS n FROM bars WHERE symbol = 'REJ1'").get(0).getLong("n")).isEqualTo(2);
  }

  @Test
  void datesBeforeTheEarliestAreRejectedRowByRowAndMakeNoPartitions() {
    long partitionsBefore = storage.sql("SELECT count(*) AS n FROM pg_inherits").get(0).getLong("n");
    List<JsonObject> rows = new ArrayList<>();
    for (int year = 2; year < 1800; year += 6) {
      rows.add(bar("ANCIENT", String.format("%04d-01-05", year), 10, 11, 9, 10.5, 100));
    }
    rows.add(bar("ANCIENT", "0000-01-01", 10, 11, 9, 10.5, 100));
    rows.add(new JsonObject().put("symbol", "ANCIENT").put("date", "-4713-01-01").put("open", 1).put("high", 1)
        .put("low", 1).put("close", 1));
    rows.add(bar("ANCIENT", "1800-01-02", 10, 11, 9, 10.5, 100));
    JsonObject result = storage.call(StorageAddresses.BARS_INGEST, batch("daily", rows.toArray(JsonObject[]::new)));
    assertThat(result.getInteger("accepted")).isEqualTo(1);
    assertThat(result.getInteger("rejected")).isEqualTo(rows.size() - 1);
    JsonObject page = storage.call(StorageAddresses.BATCH_REJECTIONS, new JsonObject().put("id", result.getLong("batch_id"))
        .put("limit", 1000));
    page.getJsonArray("items").forEach(item -> assertThat(((JsonObject) item).getString("reason"))
        .containsAnyOf("before the earliest date stored (1800-01-01)", "is not a date"));
    // partitions for the one row kept (its year, and its symbol's first), not one per year asked (300 before)
    long partitionsAfter = storage.sql("SELECT count(*) AS n FROM pg_inherits").get(0).getLong("n");
    assertThat(partitionsAfter - partitionsBefore).isLessThanOrEqualTo(2);
    JsonObject trends = storage.call(StorageAddresses.TRENDS_INGEST, new JsonObject().put("source", "t").put("rows",
        new JsonArray().add(new JsonObject().put("symbol", "ANCIENT").put("date", "0001-01-01")
            .put("investor_type", "foreign").put("buy_volume", 1).put("sell_volume", 1))));
    assertThat(trends.getInteger("rejected")).isEqualTo(1);
  }

  @Test
  void aBatchThatCannotBeReadIsRefusedWholeWithNothingWritten() {
    Failure unknown = storage.failure(StorageAddresses.BARS_INGEST, batch("2m", bar("WHOLE", "2024-01-02", 1, 1, 1, 1, 1)));
    assertThat(unknown.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(unknown.getMessage()).contains("unknown interval '2m'");
    Failure derived = storage.failure(StorageAddresses.BARS_INGEST, batch("weekly", bar("WHOLE", "2024-01-01", 1, 1, 1, 1, 1)));
    assertThat(derived.getMessage()).contains("derived from daily bars");
    Failure notRows = storage.failure(StorageAddresses.BARS_INGEST, new JsonObject().put("interval", "daily").put("rows", "x"));
    assertThat(notRows.status()).isEqualTo(400);
    assertThat(storage.sql("SELECT count(*) AS n FROM bars WHERE symbol = 'WHOLE'").get(0).getLong("n")).isZero();
  }

  @Test
  void anIngestedSymbolThatIsNoInstrumentBecomesOneOfMarketOther() {
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("newco", "2024-03-01", 5, 6, 4, 5.5, 10)));
    JsonObject instrument = storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "NEWCO"));
    assertThat((instrument).getMap()).containsEntry("symbol", "NEWCO").containsEntry("market", "OTHER");
    assertThat((instrument.getJsonObject("latest_price")).getMap()).containsEntry("price", 5.5).containsEntry("interval", "daily");
    JsonObject seeded = storage.call(StorageAddresses.INSTRUMENT_GET, new JsonObject().put("symbol", "005930"));
    assertThat((seeded).getMap()).containsEntry("name", "Samsung Electronics Co., Ltd.").containsEntry("market", "KOSPI");
  }

  @Test
  void intradayBarsMustBeAlignedRecentAndNotInTheFuture() {
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    JsonObject result = storage.call(StorageAddresses.BARS_INGEST, new JsonObject().put("interval", "5m").put("rows",
        new JsonArray()
            .add(intraday("INTRA", Instant.ofEpochSecond(minute.getEpochSecond() / 300 * 300)))
            .add(intraday("INTRA", Instant.ofEpochSecond(minute.getEpochSecond() / 300 * 300 + 60)))
            .add(intraday("INTRA", Instant.ofEpochSecond(minute.getEpochSecond() / 300 * 300 + 3600)))
            .add(intraday("INTRA", minute.minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)))));
    assertThat((result).getMap()).containsEntry("accepted", 1).containsEntry("rejected", 3);
    List<String> reasons = storage.sql("SELECT reason FROM rejections WHERE batch_id = " + result.getLong("batch_id")
        + " ORDER BY row_index").stream().map(r -> r.getString("reason")).toList();
    assertThat(reasons.get(0)).contains("not aligned to the 5m interval");
    assertThat(reasons.get(1)).contains("in the future");
    assertThat(reasons.get(2)).contains("older than the intraday retention");
  }

  @Test
  void twoConcurrentBatchesRevisingTheSameRowsKeepEveryVersion() {
    List<JsonObject> base = new ArrayList<>();
    List<JsonObject> a = new ArrayList<>();
    List<JsonObject> b = new ArrayList<>();
    LocalDate day = LocalDate.of(2023, 1, 2);
    for (int i = 0; i < 300; i++) {
      String date = day.plusDays(i).toString();
      String symbol = "CC" + (i % 3);
      base.add(bar(symbol, date, 10, 12, 9, 11, 100));
      a.add(bar(symbol, date, 10, 12, 9, 11.1, 100));
      b.add(bar(symbol, date, 10, 12, 9, 11.2, 100));
    }
    storage.call(StorageAddresses.BARS_INGEST, batch("daily", base.toArray(JsonObject[]::new)));
    List<JsonObject> replies = new CopyOnWriteArrayList<>();
    StorageHarness.await(Future.all(
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", a.toArray(JsonObject[]::new))).onSuccess(replies::add),
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", b.toArray(JsonObject[]::new))).onSuccess(replies::add)));
    assertThat(replies).allSatisfy(r -> assertThat((r).getMap()).containsEntry("revised", 300).containsEntry("accepted", 0));

    JsonObject state = storage.sql("SELECT count(*) AS n, min(version) AS lo, max(version) AS hi FROM bars"
        + " WHERE symbol LIKE 'CC%'").get(0);
    assertThat(state.getLong("n")).isEqualTo(300);
    assertThat(state.getInteger("lo")).isEqualTo(3);
    assertThat(state.getInteger("hi")).isEqualTo(3);
    JsonObject archived = storage.sql("SELECT count(*) AS n, count(DISTINCT (symbol, ts)) AS keys,"
        + " count(*) FILTER (WHERE version = 1 AND close = 11) AS originals FROM bar_versions WHERE symbol LIKE 'CC%'").get(0);
    assertThat(archived.getLong("n")).isEqualTo(600);
    assertThat(archived.getLong("keys")).isEqualTo(300);
    assertThat(archived.getLong("originals")).isEqualTo(300);
    // the archived version 2 of every key is the batch that committed first, the current row the other one
    JsonObject mixed = storage.sql("SELECT count(*) AS n FROM bars b JOIN bar_versions v USING (symbol, interval, ts)"
        + " WHERE b.symbol LIKE 'CC%' AND v.version = 2 AND v.close = b.close").get(0);
    assertThat(mixed.getLong("n")).isZero();
  }

  @Test
  void twoConcurrentBatchesInsertingTheSameNewKeysEndAsOneInsertAndOneRevision() {
    List<JsonObject> a = new ArrayList<>();
    List<JsonObject> b = new ArrayList<>();
    List<JsonObject> same = new ArrayList<>();
    LocalDate day = LocalDate.of(2022, 1, 3);
    for (int i = 0; i < 300; i++) {
      a.add(bar("NEW" + (i % 3), day.plusDays(i).toString(), 10, 12, 9, 11.1, 100));
      b.add(bar("NEW" + (i % 3), day.plusDays(i).toString(), 10, 12, 9, 11.2, 100));
      same.add(bar("SAME" + (i % 3), day.plusDays(i).toString(), 10, 12, 9, 11, 100));
    }
    List<JsonObject> replies = new CopyOnWriteArrayList<>();
    StorageHarness.await(Future.all(
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", a.toArray(JsonObject[]::new))).onSuccess(replies::add),
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", b.toArray(JsonObject[]::new))).onSuccess(replies::add)));
    assertThat(replies.stream().mapToInt(r -> r.getInteger("accepted")).sum()).isEqualTo(300);
    assertThat(replies.stream().mapToInt(r -> r.getInteger("revised")).sum()).isEqualTo(300);
    assertThat(storage.sql("SELECT count(*) AS n FROM bar_versions WHERE symbol LIKE 'NEW%'").get(0).getLong("n"))
        .isEqualTo(300);

    List<JsonObject> twins = new CopyOnWriteArrayList<>();
    StorageHarness.await(Future.all(
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", same.toArray(JsonObject[]::new))).onSuccess(twins::add),
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", same.toArray(JsonObject[]::new))).onSuccess(twins::add)));
    assertThat(twins.stream().mapToInt(r -> r.getInteger("accepted")).sum()).isEqualTo(300);
    assertThat(twins.stream().mapToInt(r -> r.getInteger("unchanged")).sum()).isEqualTo(300);
  }

  /**
   * Batches beyond what a writer has committed are inserted without looking keys up first (the append path); a key
   * that exists anyway, written behind the writer's back, and two concurrent appends of the same keys are still
   * accounted for exactly (the primary key refuses the append and the batch is probed).
   */
  @Test
  void appendsBeyondTheWrittenHorizonStayExactWhenAKeyExistsAnyway() {
    LocalDate day = LocalDate.of(2023, 3, 1);
    long firstBatch = 0;
    for (int i = 0; i < 8; i += 2) {
      JsonObject forward = storage.call(StorageAddresses.BARS_INGEST, batch("daily",
          bar("APP1", day.plusDays(i).toString(), 10, 12, 9, 11, 100),
          bar("APP1", day.plusDays(i + 1).toString(), 10, 12, 9, 11, 100)));
      assertThat(forward.getMap()).containsEntry("accepted", 2).containsEntry("unchanged", 0);
      firstBatch = firstBatch == 0 ? forward.getLong("batch_id") : firstBatch;
    }
    storage.sql("INSERT INTO bars (symbol, interval, ts, open, high, low, close, volume, source, version, batch_id)"
        + " VALUES ('APP1', 'daily', '" + day.plusDays(9) + " 00:00:00+00', 10, 12, 9, 10.5, 100, 'elsewhere', 1, "
        + firstBatch + ")");

    JsonObject[] overlapping = {bar("APP1", day.plusDays(8).toString(), 10, 12, 9, 11, 100),
        bar("APP1", day.plusDays(9).toString(), 10, 12, 9, 11, 100),
        bar("APP1", day.plusDays(10).toString(), 10, 12, 9, 11, 100)};
    assertThat(storage.call(StorageAddresses.BARS_INGEST, batch("daily", overlapping)).getMap())
        .containsEntry("accepted", 2).containsEntry("revised", 1).containsEntry("unchanged", 0);
    assertThat(storage.sql("SELECT close FROM bar_versions WHERE symbol = 'APP1'").get(0).getDouble("close")).isEqualTo(10.5);
    assertThat(storage.call(StorageAddresses.BARS_INGEST, batch("daily", overlapping)).getMap())
        .containsEntry("accepted", 0).containsEntry("unchanged", 3);

    List<JsonObject> later = new ArrayList<>();
    for (int i = 20; i < 30; i++) {
      later.add(bar("APP1", day.plusDays(i).toString(), 10, 12, 9, 11, 100));
    }
    List<JsonObject> replies = new CopyOnWriteArrayList<>();
    StorageHarness.await(Future.all(
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", later.toArray(JsonObject[]::new))).onSuccess(replies::add),
        storage.send(StorageAddresses.BARS_INGEST, batch("daily", later.toArray(JsonObject[]::new))).onSuccess(replies::add)));
    assertThat(replies.stream().mapToInt(r -> r.getInteger("accepted")).sum()).isEqualTo(10);
    assertThat(replies.stream().mapToInt(r -> r.getInteger("unchanged")).sum()).isEqualTo(10);
    assertThat(storage.sql("SELECT count(*) AS n FROM bars WHERE symbol = 'APP1'").get(0).getLong("n")).isEqualTo(21);
  }

  /**
   * A symbol this writer never wrote is appended too (loading a new symbol's history); when its rows were stored
   * before (another node, or before this node started) the primary key refuses the append and the batch is probed,
   * counted exactly.
   */
  @Test
  void aSymbolTheWriterNeverWroteIsAppendedAndStillExactWhenItsRowsExist() {
    LocalDate day = LocalDate.of(2023, 5, 1);
    storage.sql("INSERT INTO instruments (symbol, name) VALUES ('OLD1', 'OLD1')");
    storage.sql("INSERT INTO bars (symbol, interval, ts, open, high, low, close, volume, source, version, batch_id)"
        + " SELECT 'OLD1', 'daily', '" + day + " 00:00:00+00'::timestamptz + d * interval '1 day', 10, 12, 9, 11, 100,"
        + " 'before', 1, (SELECT min(id) FROM ingest_batches) FROM generate_series(0, 1) AS d");
    JsonObject[] rows = {bar("OLD1", day.toString(), 10, 12, 9, 11, 100), bar("OLD1", day.plusDays(1).toString(), 10, 12, 9, 11.5, 100),
        bar("OLD1", day.plusDays(2).toString(), 10, 12, 9, 11, 100)};
    assertThat(storage.call(StorageAddresses.BARS_INGEST, batch("daily", rows)).getMap())
        .containsEntry("accepted", 1).containsEntry("revised", 1).containsEntry("unchanged", 1);
    assertThat(storage.call(StorageAddresses.BARS_INGEST, batch("daily", bar("FRESH1", day.toString(), 10, 12, 9, 11, 100),
        bar("FRESH1", day.plusDays(1).toString(), 10, 12, 9, 11, 100))).getMap())
        .containsEntry("accepted", 2).containsEntry("unchanged", 0);
    assertThat(storage.sql("SELECT count(*) AS n FROM bars WHERE symbol IN ('OLD1', 'FRESH1')").get(0).getLong("n")).isEqualTo(5);
  }

  private static JsonObject intraday(String symbol, Instant ts) {
    return new JsonObject().put("symbol", symbol).put("ts", ts.toString()).put("open", 1.0).put("high", 1.2)
        .put("low", 0.9).put("close", 1.1).put("volume", 10);
  }
}
