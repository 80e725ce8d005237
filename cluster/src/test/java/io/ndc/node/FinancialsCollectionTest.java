package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A financials collector end to end: the REST API, a job on RabbitMQ, the alphavantage adapter against a local Alpha
 * Vantage replaying the collector's fixtures, the storage service and PostgreSQL; then the storage query and the
 * REST read, and a second run that changes nothing.
 */
class FinancialsCollectionTest {
  private static final String DB = TestConfig.uniqueDatabase("collect_financials");
  private static final Path FIXTURES = Path.of("..", "verticles", "collector", "src", "test", "resources", "fixtures", "alphavantage");
  private static final Map<String, String> ANSWERS = Map.of("INCOME_STATEMENT", "ibm-income-statement.json",
      "BALANCE_SHEET", "ibm-balance-sheet.json", "EARNINGS", "ibm-earnings.json");
  private static TestNode node;
  private static HttpServer alphaVantage;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(CollectionRest.config(DB), ServiceName.COLLECTOR, ServiceName.STORAGE);
    Map<String, String> bodies = new java.util.HashMap<>();
    for (Map.Entry<String, String> answer : ANSWERS.entrySet()) {
      bodies.put(answer.getKey(), Files.readString(FIXTURES.resolve(answer.getValue())));
    }
    alphaVantage = node.vertx.createHttpServer().requestHandler(request -> {
      String body = bodies.get(request.getParam("function"));
      request.response().setStatusCode(body == null ? 404 : 200).putHeader("Content-Type", "application/json")
          .end(body == null ? "{}" : body);
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    CollectionRest.close(node, DB);
  }

  @Test
  void aFinancialsRunStoresTheQuartersReadableThroughStorageAndARerunChangesNothing() throws Exception {
    String operator = TestUsers.tokenFor(node, "operator");
    assertThat(node.post("/api/v1/sources", operator, new JsonObject().put("id", "av").put("type", "alphavantage")
        .put("base_url", "http://127.0.0.1:" + alphaVantage.actualPort()).put("api_key", "demo-key")).statusCode()).isEqualTo(201);
    assertThat(node.post("/api/v1/sources", operator, new JsonObject().put("id", "yahoo").put("type", "yahoo")
        .put("base_url", "http://127.0.0.1:9")).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> refused = node.post("/api/v1/collectors", operator, new JsonObject().put("source", "yahoo")
        .put("dataset", "financials").put("symbols", new JsonArray().add("IBM")));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    JsonObject error = refused.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("VALIDATION_ERROR");
    assertThat(error.getString("message")).contains("does not provide FINANCIALS");

    HttpResponse<Buffer> created = node.post("/api/v1/collectors", operator, new JsonObject().put("source", "av")
        .put("dataset", "financials").put("symbols", new JsonArray().add("IBM")).put("start_date", "2023-01-01")
        .put("end_date", "2024-12-31"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String collector = created.bodyAsJsonObject().getJsonObject("data").getString("id");

    JsonObject first = runToEnd(operator, collector);
    assertThat(first.getString("status")).as(first.encode()).isEqualTo("succeeded");
    assertThat(first.getJsonObject("rows").getMap()).containsEntry("accepted", 5).containsEntry("unchanged", 0)
        .containsEntry("revised", 0).containsEntry("rejected", 0);

    JsonObject stored = node.vertx.eventBus().<JsonObject>request(StorageAddresses.FINANCIALS_QUERY,
        new JsonObject().put("symbol", "IBM")).await().body();
    List<JsonObject> items = stored.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items).extracting(i -> i.getInteger("year") + "Q" + i.getInteger("quarter"))
        .containsExactly("2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2");
    assertThat(items).allSatisfy(i -> assertThat(i.getString("source")).isEqualTo("av"));
    JsonObject q3 = items.get(1);
    assertThat(q3.getValue("operating_income")).as("Alpha Vantage's \"None\"").isNull();
    assertThat(q3.getValue("total_equity")).isNull();
    assertThat(q3.getDouble("eps")).isEqualTo(2.2);

    HttpResponse<Buffer> read = node.get("/api/v1/stocks/IBM/financials?year=2024&quarter=2", operator);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    JsonObject q2 = read.bodyAsJsonObject().getJsonObject("data").getJsonArray("items").getJsonObject(0);
    assertThat(q2.getMap()).containsEntry("currency", "USD").containsEntry("revenue", 15770000000.0)
        .containsEntry("operating_income", 2475000000.0).containsEntry("net_income", 1830000000.0).containsEntry("eps", 2.43)
        .containsEntry("total_assets", 132194000000.0).containsEntry("total_liabilities", 108555000000.0)
        .containsEntry("total_equity", 23617000000.0);

    JsonObject second = runToEnd(operator, collector);
    assertThat(second.getString("status")).as(second.encode()).isEqualTo("succeeded");
    assertThat(second.getJsonObject("rows").getMap()).containsEntry("accepted", 0).containsEntry("unchanged", 5)
        .containsEntry("revised", 0).containsEntry("rejected", 0);
  }

  private static JsonObject runToEnd(String token, String collector) {
    HttpResponse<Buffer> run = node.post("/api/v1/collectors/" + collector + "/run", token, new JsonObject());
    assertThat(run.statusCode()).as(run.bodyAsString()).isEqualTo(202);
    String jobId = run.bodyAsJsonObject().getJsonObject("data").getString("job_id");
    return CollectionRest.awaitFinished(node, token, jobId, Duration.ofSeconds(60));
  }
}
