package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
    node = TestNode.start(CollectionRest.config(DB, new JsonObject()
        .put("max_attempts", 4).put("first_delay_ms", 400).put("multiplier", 2).put("max_delay_ms", 10_000)),
        ServiceName.COLLECTOR, ServiceName.STORAGE);
  }

  @AfterAll
  static void stop() {
    CollectionRest.close(node, vendor, DB);
  }

  @Test
  void aSourceAnswering500IsRetriedWithGrowingDelaysThenTheJobIsDeadWithTheError() throws Exception {
    String operator = TestUsers.tokenFor(node, "operator");
    String collector = CollectionRest.yahooCollector(node, operator, vendor.baseUrl(), "GOOD", "BROKEN");
    vendor.failAlways("BROKEN", 500);
    String jobId = CollectionRest.run(node, operator, collector);

    JsonObject job = CollectionRest.awaitFinished(node, operator, jobId, Duration.ofSeconds(60));
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
}
