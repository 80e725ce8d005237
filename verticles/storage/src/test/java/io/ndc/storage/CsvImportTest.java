package io.ndc.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV imports as real exports come (Yahoo, Stooq, plain), and uploads that must be refused whole. */
class CsvImportTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("bars_csv", new JsonObject().put("storage", new JsonObject()
        .put("ingest", new JsonObject().put("max_rows", 50))));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static JsonObject importCsv(String csv, String symbol) {
    JsonObject request = new JsonObject().put("csv", csv).put("source", "csv-test");
    return storage.call(StorageAddresses.BARS_IMPORT, symbol == null ? request : request.put("symbol", symbol));
  }

  @Test
  void yahooExportWithBomCrlfQuotesAndBlankLinesLoads() {
    String csv = "\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\r\n"
        + "2024-01-02,\"187.15\",188.44,183.89,185.64,184.29,82488700\r\n"
        + "\r\n"
        + "2024-01-03,184.22,185.88,183.43,184.25,182.91,58414500\r\n"
        + "2024-01-04,null,null,null,null,null,null\r\n";
    JsonObject result = importCsv(csv, "yhoo1");
    assertThat(result.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 1);
    JsonObject stored = storage.sql("SELECT adj_close, volume, source FROM bars WHERE symbol = 'YHOO1' AND ts = '2024-01-03'").get(0);
    assertThat(stored.getDouble("adj_close")).isEqualTo(182.91);
    assertThat(stored.getDouble("volume")).isEqualTo(58414500.0);
    assertThat(stored.getString("source")).isEqualTo("csv-test");
    JsonObject rejected = storage.call(StorageAddresses.BATCH_REJECTIONS, new JsonObject().put("id", result.getLong("batch_id")))
        .getJsonArray("items").getJsonObject(0);
    assertThat(rejected.getInteger("row_index")).isEqualTo(3);
    assertThat(rejected.getString("reason")).isEqualTo("open is missing");
    assertThat(rejected.getJsonObject("raw").getMap()).containsEntry("Date", "2024-01-04").containsEntry("Open", "null");
  }

  @Test
  void stooqExportsWithAndWithoutSymbolAndTimeColumnsLoad() {
    JsonObject plain = importCsv("Date,Open,High,Low,Close,Volume\n1984-09-07,0.0991725,0.10039,0.0979751,0.0991725,99242379\n", "aapl.us");
    assertThat(plain.getMap()).containsEntry("accepted", 1);
    JsonObject withSymbol = importCsv("Symbol,Date,Time,Open,High,Low,Close,Volume,OI\n"
        + "MSFT.US,2024-05-06,000000,408.5,415.2,405.6,413.54,16996700,0\n"
        + "AAPL.US,2024-05-06,00:00:00,182.35,184.2,180.42,181.71,78569700,0\n", null);
    assertThat(withSymbol.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 0);
    assertThat(storage.sql("SELECT count(*) AS n FROM bars WHERE symbol IN ('MSFT.US', 'AAPL.US')").get(0).getLong("n"))
        .isEqualTo(3);
    assertThat(storage.sql("SELECT market FROM instruments WHERE symbol = 'MSFT.US'").get(0).getString("market"))
        .isEqualTo("OTHER");
  }

  @Test
  void aRecordWithTheWrongNumberOfFieldsIsRejectedAndTheOthersStored() {
    JsonObject result = importCsv("date,open,high,low,close,volume\n2024-02-01,1,2,0.5,1.5,10\n2024-02-02,1,2,0.5\n"
        + "2024-02-05,1,2,0.5,1.5,10\n", "FIELDS");
    assertThat(result.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 1);
    assertThat(storage.sql("SELECT reason FROM rejections WHERE batch_id = " + result.getLong("batch_id")).get(0)
        .getString("reason")).isEqualTo("the record has 4 fields, the header has 6");
  }

  @Test
  void uploadsThatCannotBeReadAreRefusedWholeBeforeAnythingIsWritten() {
    Failure missing = storage.failure(StorageAddresses.BARS_IMPORT, new JsonObject().put("symbol", "BADCSV")
        .put("csv", "Date,Open,Close\n2024-01-02,1,2\n"));
    assertThat(missing.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(missing.getMessage()).contains("lacks high, low");
    Failure noData = storage.failure(StorageAddresses.BARS_IMPORT, new JsonObject().put("symbol", "BADCSV").put("csv", "No data"));
    assertThat(noData.getMessage()).contains("lacks");
    Failure unterminated = storage.failure(StorageAddresses.BARS_IMPORT, new JsonObject().put("symbol", "BADCSV")
        .put("csv", "date,open,high,low,close\n2024-01-02,1,2,0.5,\"1.5\n2024-01-03,1,2,0.5,1.5\n"));
    assertThat(unterminated.getMessage()).isEqualTo("the body is not readable CSV: a quoted field is not closed (line 3)");
    Failure noSymbol = storage.failure(StorageAddresses.BARS_IMPORT,
        new JsonObject().put("csv", "date,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n"));
    assertThat(noSymbol.getMessage()).contains("'symbol' is required");
    StringBuilder big = new StringBuilder("date,open,high,low,close\n");
    for (int i = 0; i < 51; i++) {
      big.append("2020-01-").append(String.format("%02d", i % 28 + 1)).append(",1,2,0.5,1.5\n");
    }
    Failure tooLarge = storage.failure(StorageAddresses.BARS_IMPORT, new JsonObject().put("symbol", "BADCSV").put("csv", big.toString()));
    assertThat(tooLarge.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(storage.sql("SELECT count(*) AS n FROM ingest_batches b JOIN bars USING (source)"
        + " WHERE bars.symbol = 'BADCSV'").get(0).getLong("n")).isZero();
    assertThat(storage.sql("SELECT count(*) AS n FROM instruments WHERE symbol = 'BADCSV'").get(0).getLong("n")).isZero();
  }
}
