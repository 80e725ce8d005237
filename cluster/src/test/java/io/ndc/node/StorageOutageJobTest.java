package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import io.ndc.storage.StorageService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
    Waits.await("the job reaches its second symbol").atMost(Duration.ofSeconds(60)).until(() -> !vendor.seen("OUTB").isEmpty());

    node.vertx.undeploy(storage).await();
    vendor.release();
    JsonObject retrying = Waits.until(Waits.await("the job retries while storage is away").atMost(Duration.ofSeconds(60)),
        () -> job(operator, jobId), j -> "retrying".equals(j.getString("status")), JsonObject::encode);
    // a later attempt failing too shows the job keeps waiting for storage instead of finishing without it
    int attempts = retrying.getInteger("attempts");
    Waits.until(Waits.await("another attempt fails while storage is away").atMost(Duration.ofSeconds(30))
            .failFast("the job finished without storage", () -> List.of("succeeded", "dead").contains(job(operator, jobId).getString("status"))),
        () -> job(operator, jobId), j -> "retrying".equals(j.getString("status")) && j.getInteger("attempts") > attempts, JsonObject::encode);
    node.vertx.deployVerticle(new StorageService(), new DeploymentOptions().setConfig(node.config)).await();

    JsonObject job = CollectionRest.awaitFinished(node, operator, jobId, Duration.ofSeconds(60));
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
}
