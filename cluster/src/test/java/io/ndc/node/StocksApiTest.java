package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stocks and ingest REST API end to end: gateway route rows, the bus, the storage service, PostgreSQL. */
class StocksApiTest {
  private static String database;
  private static TestNode node;
  private static WebClient client;
  private static String operatorToken;

  @BeforeAll
  static void start() {
    database = TestConfig.uniqueDatabase("stocks_api");
    node = TestNode.start(TestNode.config(database), ServiceName.STORAGE);
    client = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port));
    operatorToken = TestUsers.tokenFor(node, "operator");
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(database);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one place a request gets its credentials: an operator may read and write everything here. */
  private static HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.bearerTokenAuthentication(operatorToken);
  }

  private static HttpResponse<Buffer> get(String uri) {
    return await(authorized(client.get(uri)).send());
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body) {
    return await(authorized(client.post(uri)).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> postCsv(String uri, String csv) {
    return await(authorized(client.post(uri)).putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(csv)));
  }

  private static JsonObject data(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("success");
    return body.getJsonObject("data");
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    return body.getJsonObject("error");
  }

  private static JsonObject bar(String symbol, String date, double close) {
    return new JsonObject().put("symbol", symbol).put("date", date).put("open", close).put("high", close + 1)
        .put("low", close - 1).put("close", close).put("volume", 1000);
  }

  @Test
  void aNulCharacterInAnUploadIsARejectionOrA400NeverADatabaseError() {
    JsonObject row = new JsonObject().put("symbol", "NU\u0000L").put("date", "2024-01-02").put("open", 1).put("high", 1)
        .put("low", 1).put("close", 1).put("note", "a\u0000b");
    JsonObject stored = data(post("/api/v1/prices:batch", new JsonObject().put("source", "nul-test")
        .put("rows", new JsonArray().add(row))), 200);
    assertThat(stored.getInteger("rejected")).isEqualTo(1);
    JsonObject rejection = data(get("/api/v1/batches/" + stored.getLong("batch_id") + "/rejections"), 200)
        .getJsonArray("items").getJsonObject(0);
    assertThat(rejection.getJsonObject("raw").getString("note")).isEqualTo("a\uFFFDb");
    assertThat(error(post("/api/v1/prices:batch", new JsonObject().put("source", "s\u0000x")
        .put("rows", new JsonArray().add(row))), 400).getString("message")).contains("'source'", "NUL");
  }

  @Test
  void jsonBatchesAreStoredVersionedQueriedAndRolledBack() {
    JsonObject first = data(post("/api/v1/prices:batch", new JsonObject().put("source", "rest").put("interval", "daily")
        .put("rows", new JsonArray().add(bar("NVDA", "2024-03-01", 100)).add(bar("NVDA", "2024-03-04", 110))
            .add(bar("NVDA", "2024-03-05", -1)))), 200);
    assertThat(first.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 1);
    JsonObject second = data(post("/api/v1/prices:batch", new JsonObject().put("source", "rest").put("interval", "daily")
        .put("rows", new JsonArray().add(bar("NVDA", "2024-03-01", 100)).add(bar("NVDA", "2024-03-04", 121)))), 200);
    assertThat(second.getMap()).containsEntry("unchanged", 1).containsEntry("revised", 1);

    JsonObject prices = data(get("/api/v1/stocks/NVDA/prices?start_date=2024-03-01&end_date=2024-03-31"), 200);
    assertThat(prices.getString("name")).isEqualTo("NVIDIA Corporation");
    assertThat(prices.getJsonArray("prices").getJsonObject(1).getMap()).containsEntry("date", "2024-03-04")
        .containsEntry("close", 121).containsEntry("change", 21);

    JsonObject versions = data(get("/api/v1/stocks/NVDA/versions?date=2024-03-04"), 200);
    assertThat(versions.getJsonArray("versions")).hasSize(2);

    JsonObject rejections = data(get("/api/v1/batches/" + first.getLong("batch_id") + "/rejections"), 200);
    assertThat(rejections.getJsonArray("items").getJsonObject(0).getString("reason")).contains("negative");
    assertThat(data(get("/api/v1/batches/" + second.getLong("batch_id")), 200).getString("status")).isEqualTo("committed");

    JsonObject undone = data(post("/api/v1/batches/" + second.getLong("batch_id") + ":rollback", new JsonObject()), 200);
    assertThat(undone.getLong("restored")).isEqualTo(1L);
    JsonObject restored = data(get("/api/v1/stocks/NVDA/prices?start_date=2024-03-04&end_date=2024-03-04"), 200);
    assertThat(restored.getJsonArray("prices").getJsonObject(0).getDouble("close")).isEqualTo(110.0);
    assertThat(error(post("/api/v1/batches/" + second.getLong("batch_id") + ":rollback", new JsonObject()), 409)
        .getString("code")).isEqualTo("CONFLICT");
    assertThat(error(get("/api/v1/batches/abc"), 400).getString("code")).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void csvUploadsAreStoredWithBadRowsReportedOrRefusedWhole() {
    JsonObject imported = data(postCsv("/api/v1/prices:import?symbol=MSFT&source=yahoo",
        "\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\r\n2024-01-02,370,376,366,370.87,368.9,25258600\r\n"
            + "2024-01-03,369,373,368,370.6,368.6,23083500\r\n2024-01-04,oops,1,1,1,1,1\r\n"), 200);
    assertThat(imported.getMap()).containsEntry("accepted", 2).containsEntry("rejected", 1);

    JsonObject missing = error(postCsv("/api/v1/prices:import?symbol=CSVX", "Date,Close\n2024-01-02,1\n"), 400);
    assertThat(missing.getString("code")).isEqualTo("VALIDATION_ERROR");
    assertThat(missing.getString("message")).contains("lacks");

    StringBuilder huge = new StringBuilder("date,open,high,low,close\n");
    while (huge.length() < 1_200_000) {
      huge.append("2024-01-02,1,2,0.5,1.5\n");
    }
    JsonObject tooLarge = error(postCsv("/api/v1/prices:import?symbol=CSVX", huge.toString()), 413);
    assertThat(tooLarge.getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(error(get("/api/v1/stocks/CSVX"), 404).getString("code")).isEqualTo("RESOURCE_NOT_FOUND");

    JsonObject wrongType = error(await(authorized(client.post("/api/v1/prices:import?symbol=CSVX"))
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}"))), 415);
    assertThat(wrongType.getString("code")).isEqualTo("VALIDATION_ERROR");
    assertThat(error(post("/api/v1/prices:batch", new JsonObject().put("interval", "7m").put("rows", new JsonArray())), 400)
        .getString("message")).contains("unknown interval");
  }

  @Test
  void instrumentsAreListedShownAndEdited() {
    JsonObject kospi = data(get("/api/v1/stocks?market=KOSPI&limit=2&page=1"), 200);
    assertThat(kospi.getJsonArray("items")).hasSize(2);
    assertThat(kospi.getJsonObject("pagination").getInteger("limit")).isEqualTo(2);
    JsonObject samsung = data(get("/api/v1/stocks/005930"), 200);
    assertThat(samsung.getMap()).containsEntry("name", "Samsung Electronics Co., Ltd.").containsEntry("currency", "KRW")
        .containsKey("latest_price");
    JsonObject edited = data(await(authorized(client.put("/api/v1/stocks/ACME")).sendJsonObject(new JsonObject()
        .put("name", "Acme Corporation").put("market", "NYSE").put("sector", "Industrials").put("currency", "USD"))), 200);
    assertThat(edited.getJsonArray("items").getJsonObject(0).getString("symbol")).isEqualTo("ACME");
    assertThat(data(get("/api/v1/stocks?q=acme"), 200).getJsonArray("items").getJsonObject(0).getString("name"))
        .isEqualTo("Acme Corporation");
    assertThat(error(get("/api/v1/stocks?limit=5000"), 400).getString("message")).contains("at most 1000");
  }
}
