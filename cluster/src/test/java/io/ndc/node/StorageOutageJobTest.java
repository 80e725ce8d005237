package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.testing.TestConfig;
import io.ndc.storage.StorageService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job through the REST API whose storage service goes away while the job is in flight: the job goes
 * {@code retrying}, and once storage is back it succeeds with every row stored once.
 */
class StorageOutageJobTest {
  private static final String DB = TestConfig.uniqueDatabase("collect_outage");
  private static TestNode node;
  private static VendorServer vendor;

  @BeforeAll
  static void start() throws Exception {
    vendor = new VendorServer();
    node = TestNode.start(CollectionRest.config(DB, new JsonObject()
        .put("max_attempts", 10).put("first_delay_ms", 500).put("max_delay_ms", 2_000)),
        ServiceName.COLLECTOR);
  }

  @AfterAll
  static void stop() {
    CollectionRest.close(node, vendor, DB);
  }

  @Test
  void aJobWhoseStorageGoesAwayRetriesAndSucceedsWhenItIsBack() throws Exception {
    String storage = node.vertx.deployVerticle(new StorageService(), new DeploymentOptions().setConfig(node.config)).await();
    String operator = TestUsers.tokenFor(node, "operator");
    String collector = CollectionRest.yahooCollector(node, operator, vendor.baseUrl(), "OUTA", "OUTB");
    vendor.hangFirst("OUTB");
    String jobId = CollectionRest.run(node, operator, collector);
    await(() -> !vendor.seen("OUTB").isEmpty(), "the job reaches its second symbol");

    node.vertx.undeploy(storage).await();
    vendor.release();
    await(() -> "retrying".equals(job(operator, jobId).getString("status")), "the job retries while storage is away");
    Thread.sleep(2_000);
    assertThat(job(operator, jobId).getString("status")).as("still waiting for storage").isIn("retrying", "running");
    node.vertx.deployVerticle(new StorageService(), new DeploymentOptions().setConfig(node.config)).await();

    await(() -> List.of("succeeded", "dead").contains(job(operator, jobId).getString("status")), "the job finishes");
    JsonObject job = job(operator, jobId);
    assertThat(job.getString("status")).as(job.encode()).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).isGreaterThanOrEqualTo(2);
    var pg = Postgres.pool(node.vertx, node.config, "market");
    for (String symbol : List.of("OUTA", "OUTB")) {
      assertThat(pg.query("SELECT count(*) FROM bars WHERE symbol = '" + symbol + "'").execute().await().iterator().next().getLong(0))
          .as(symbol + " rows").isEqualTo(3);
    }
  }

  private static JsonObject job(String token, String jobId) {
    return CollectionRest.job(node, token, jobId);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!check.holds()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
