package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job through the REST API against a source that answers HTTP 500: it is retried with growing delays, then ends
 * {@code dead} with the source's error, while the symbol the source did answer is stored.
 */
class SourceFailureRestTest {
  private static final String DB = TestConfig.uniqueDatabase("collect_source500");
  private static TestNode node;
  private static VendorServer vendor;

  @BeforeAll
  static void start() throws Exception {
    vendor = new VendorServer();
    JsonObject config = TestNode.config(DB);
    config.put("collector", new JsonObject().put("queue_prefix", "test." + DB)
        .put("retry", new JsonObject().put("max_attempts", 4).put("first_delay_ms", 400).put("multiplier", 2).put("max_delay_ms", 10_000)));
    node = TestNode.start(config, ServiceName.COLLECTOR, ServiceName.STORAGE);
  }

  @AfterAll
  static void stop() {
    try {
      CollectorQueues.delete(node.vertx, node.config);
      node.close();
      vendor.close();
    } finally {
      TestConfig.dropDatabase(DB);
    }
  }

  @Test
  void aSourceAnswering500IsRetriedWithGrowingDelaysThenTheJobIsDeadWithTheError() throws Exception {
    String operator = TestUsers.tokenFor(node, "operator");
    assertThat(node.post("/api/v1/sources", operator, new JsonObject().put("id", "yahoo").put("type", "yahoo")
        .put("base_url", vendor.baseUrl())).statusCode()).isEqualTo(201);
    String collector = node.post("/api/v1/collectors", operator, new JsonObject().put("source", "yahoo")
        .put("symbols", new JsonArray().add("GOOD").add("BROKEN")).put("start_date", "2024-01-01").put("end_date", "2024-01-05"))
        .bodyAsJsonObject().getJsonObject("data").getString("id");
    vendor.failAlways("BROKEN", 500);
    String jobId = node.post("/api/v1/collectors/" + collector + "/run", operator, new JsonObject())
        .bodyAsJsonObject().getJsonObject("data").getString("job_id");

    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject job = job(operator, jobId);
    while (!List.of("succeeded", "dead").contains(job.getString("status")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      job = job(operator, jobId);
    }
    assertThat(job.getString("status")).as(job.encode()).isEqualTo("dead");
    assertThat(job.getInteger("attempts")).isEqualTo(4);
    assertThat(job.getString("error")).contains("gave up after 4 attempts", "HTTP 500");
    assertThat(job.getJsonObject("rows").getLong("accepted")).as("the symbol the source answered is stored").isEqualTo(3);

    List<VendorServer.Seen> tries = vendor.seen("BROKEN");
    assertThat(tries).hasSize(4);
    assertThat(vendor.seen("GOOD")).as("a stored symbol is not fetched again on retries").hasSize(1);
    long first = tries.get(1).atMillis() - tries.get(0).atMillis();
    long last = tries.get(3).atMillis() - tries.get(2).atMillis();
    System.out.println("delays between tries: " + first + ", " + (tries.get(2).atMillis() - tries.get(1).atMillis()) + ", " + last + " ms");
    assertThat(last).as("the delay grows").isGreaterThan(first);
  }

  private static JsonObject job(String token, String jobId) {
    return node.get("/api/v1/jobs/" + jobId, token).bodyAsJsonObject().getJsonObject("data");
  }
}
