package io.ndc.storage;

import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ndc.storage.bars.query_many}: the last bars of many symbols in one request, against real PostgreSQL. */
class BarTailsTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("bars_tails", new JsonObject());
    JsonArray rows = new JsonArray();
    LocalDate d = LocalDate.parse("2023-12-20");
    for (int i = 0; i < 30; i++, d = d.plusDays(1)) {
      rows.add(bar("TA", d.toString(), 10 + i, 11 + i, 9 + i, 10.5 + i, 100 + i));
      if (i % 2 == 0) {
        rows.add(bar("TB", d.toString(), 50, 90, 49, 50 + i, 7));
      }
    }
    rows.add(bar("TC", "2024-01-02", 1, 1, 1, 1, 1));
    storage.call(StorageAddresses.BARS_INGEST, new JsonObject().put("source", "test").put("interval", "daily").put("rows", rows));
    storage.call(StorageAddresses.INSTRUMENTS_UPSERT, new JsonObject().put("symbol", "EMPTY").put("name", "No bars"));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static JsonObject tails(JsonObject query) {
    return storage.call(StorageAddresses.BARS_QUERY_MANY, query);
  }

  private static long day(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  @Test
  void theLastBarsOfEachSymbolAtOrBeforeTheEndInAscendingColumns() {
    JsonObject reply = tails(new JsonObject().put("symbols", new JsonArray(List.of("ta", "TB", "TC", "EMPTY", "NOPE")))
        .put("interval", "daily").put("end", "2024-01-05T23:59:59.999Z").put("count", 3));
    JsonObject series = reply.getJsonObject("series");
    assertThat(reply.getJsonArray("unknown")).containsExactly("NOPE");
    assertThat(series.fieldNames()).containsExactlyInAnyOrder("TA", "TB", "TC", "EMPTY");
    JsonObject ta = series.getJsonObject("TA");
    assertThat(ta.getJsonArray("ts")).containsExactly(day("2024-01-03"), day("2024-01-04"), day("2024-01-05"));
    assertThat(ta.getJsonArray("close")).containsExactly(24.5, 25.5, 26.5);
    assertThat(ta.getJsonArray("open")).containsExactly(24.0, 25.0, 26.0);
    assertThat(ta.getJsonArray("volume")).containsExactly(114.0, 115.0, 116.0);
    assertThat(series.getJsonObject("TB").getJsonArray("ts")).containsExactly(day("2024-01-01"), day("2024-01-03"),
        day("2024-01-05"));
    assertThat(series.getJsonObject("TC").getJsonArray("ts")).as("fewer than asked").containsExactly(day("2024-01-02"));
    assertThat(series.getJsonObject("EMPTY").getJsonArray("ts")).isEmpty();

    JsonObject newest = tails(new JsonObject().put("symbols", new JsonArray().add("TA")).put("interval", "daily").put("count", 2));
    assertThat(newest.getJsonObject("series").getJsonObject("TA").getJsonArray("ts"))
        .as("no end: the newest").containsExactly(day("2024-01-17"), day("2024-01-18"));
  }

  @Test
  void badQueriesAreValidationErrors() {
    assertThat(storage.failure(StorageAddresses.BARS_QUERY_MANY, new JsonObject().put("symbols", new JsonArray())
        .put("count", 3)).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(storage.failure(StorageAddresses.BARS_QUERY_MANY, new JsonObject().put("symbols", new JsonArray().add("TA"))
        .put("interval", "weekly").put("count", 3)).getMessage()).contains("not stored");
    assertThat(storage.failure(StorageAddresses.BARS_QUERY_MANY, new JsonObject().put("symbols", new JsonArray().add("a b"))
        .put("count", 3)).getMessage()).contains("invalid symbol");
    assertThat(storage.failure(StorageAddresses.BARS_QUERY_MANY, new JsonObject().put("symbols", new JsonArray().add("TA"))
        .put("count", 0)).getMessage()).contains("count");
  }
}
