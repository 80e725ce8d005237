package io.ndc.collector.jobs;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.testing.CollectorHarness;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.ndc.contract.Failure;
import io.ndc.contract.HealthReport;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.platform.testing.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RabbitMQ goes away and comes back: the queues are declared again and jobs flow again without a restart. */
class BrokerOutageTest {

  @Test
  void jobsFlowAgainAfterTheBrokerComesBack() {
    Vertx proxyVertx = Vertx.vertx();
    URI broker = URI.create(io.ndc.platform.testing.TestConfig.AMQP_URL);
    TcpProxy proxy = new TcpProxy(proxyVertx, broker.getHost(), broker.getPort());
    int port = await(proxy.up());
    CollectorHarness h = new CollectorHarness("collector_amqp", new JsonObject().put("amqp", new JsonObject()
        .put("url", "amqp://" + broker.getUserInfo() + "@127.0.0.1:" + port).put("reconnect_interval_ms", 300)));
    try {
      h.vendor.on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/aapl-daily.json"));
      h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "y").put("type", "yahoo").put("base_url", h.vendor.baseUrl()));
      String collector = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "y")
          .put("symbols", new JsonArray().add("AAPL")).put("start_date", "2024-01-01").put("end_date", "2024-01-05")).getString("id");
      JsonObject run = new JsonObject().put("id", collector);
      assertThat(h.awaitFinished(h.request(CollectorAddresses.JOBS_RUN, run).getString("job_id")).getString("status")).isEqualTo("succeeded");

      await(proxy.down());
      // the broker is away for the collector once its own health check says so (the proxy cut every connection)
      CollectorHarness.eventually(() -> assertThat(HealthReport.fromJson(h.request(SystemAddresses.healthCheck(ServiceName.COLLECTOR),
          new JsonObject())).dependencies()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("rabbitmq");
            assertThat(d.up()).isFalse();
          }), Duration.ofSeconds(20));
      await(proxy.up());

      AtomicReference<String> jobId = new AtomicReference<>();
      CollectorHarness.eventually(() -> {
        try {
          jobId.set(h.request(CollectorAddresses.JOBS_RUN, run).getString("job_id"));
        } catch (Failure f) {
          throw new AssertionError("run refused while the broker reconnects: " + f.getMessage());
        }
      }, Duration.ofSeconds(20));
      assertThat(h.awaitFinished(jobId.get()).getString("status")).isEqualTo("succeeded");
    } finally {
      h.close();
      await(proxyVertx.close());
    }
  }
}
