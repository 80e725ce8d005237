package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/** Collection through the REST API of a test node: a Yahoo source and collector, runs, jobs, and the clean-up. */
final class CollectionRest {
  private CollectionRest() {
  }

  /** A node's configuration on {@code database} with collector queues of its own. */
  static JsonObject config(String database) {
    JsonObject config = TestNode.config(database);
    config.put("collector", new JsonObject().put("queue_prefix", "test." + database));
    return config;
  }

  /** {@link #config(String)} with the given job retry settings. */
  static JsonObject config(String database, JsonObject retry) {
    JsonObject config = config(database);
    config.getJsonObject("collector").put("retry", retry);
    return config;
  }

  /** Registers source {@code yahoo} at {@code vendorUrl} and a collector of the first days of 2024 for {@code symbols}. */
  static String yahooCollector(TestNode node, String token, String vendorUrl, String... symbols) {
    assertThat(node.post("/api/v1/sources", token, new JsonObject().put("id", "yahoo").put("type", "yahoo")
        .put("base_url", vendorUrl)).statusCode()).isEqualTo(201);
    JsonArray wanted = new JsonArray();
    for (String symbol : symbols) {
      wanted.add(symbol);
    }
    return node.post("/api/v1/collectors", token, new JsonObject().put("source", "yahoo").put("symbols", wanted)
        .put("start_date", "2024-01-01").put("end_date", "2024-01-05")).bodyAsJsonObject().getJsonObject("data").getString("id");
  }

  /** Runs the collector now; the job id. */
  static String run(TestNode node, String token, String collectorId) {
    return node.post("/api/v1/collectors/" + collectorId + "/run", token, new JsonObject())
        .bodyAsJsonObject().getJsonObject("data").getString("job_id");
  }

  static JsonObject job(TestNode node, String token, String jobId) {
    return node.get("/api/v1/jobs/" + jobId, token).bodyAsJsonObject().getJsonObject("data");
  }

  /** The job once it has finished (succeeded or dead); fails with its last state when it has not within {@code atMost}. */
  static JsonObject awaitFinished(TestNode node, String token, String jobId, Duration atMost) {
    return Waits.until(Waits.await("job " + jobId + " finishes").atMost(atMost), () -> job(node, token, jobId),
        j -> List.of("succeeded", "dead").contains(j.getString("status")), JsonObject::encode);
  }

  /** Deletes the node's collector queues, stops the node, drops the database. */
  static void close(TestNode node, String database) {
    try {
      CollectorQueues.delete(node.vertx, node.config);
      node.close();
    } finally {
      TestConfig.dropDatabase(database);
    }
  }

  /** {@link #close(TestNode, String)}, then stops the vendor. */
  static void close(TestNode node, VendorServer vendor, String database) {
    try {
      close(node, database);
    } finally {
      vendor.close();
    }
  }
}
