package io.ndc.collector.source;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.testing.FixtureServer;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transport outcomes every HTTP adapter shares: throttling, server errors, the breaker, the quota. */
class SourceHttpTest {
  private static Vertx vertx;
  private static FixtureServer vendor;
  private static Adapters adapters;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    vendor = await(new FixtureServer()
        .on("/v8/finance/chart/BUSY", new Reply(429, "text/plain", "Too Many Requests"))
        .on("/v8/finance/chart/DOWN", Reply.status(502, "Bad Gateway"))
        .on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/aapl-daily.json"))
        .start(vertx));
    adapters = new Adapters(vertx, new JsonObject());
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static SourceAdapter yahoo(String id, int quota) {
    return adapters.adapter(new SourceDefinition(id, "yahoo", vendor.baseUrl(), null, quota, new JsonObject()));
  }

  private static Future<?> fetch(SourceAdapter adapter, String symbol) {
    return adapter.historyBars(new FetchRequest(symbol, "daily", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), new JsonObject()));
  }

  @Test
  void http429IsThrottling() {
    assertThatThrownBy(() -> await(fetch(yahoo("busy", 100), "BUSY")))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.THROTTLED));
  }

  @Test
  void repeatedServerErrorsOpenTheSourcesBreakerWhichThenFailsFastWithoutCallingIt() {
    SourceAdapter adapter = yahoo("down", 1000);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> await(fetch(adapter, "DOWN")))
          .isInstanceOfSatisfying(SourceFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(SourceFailure.Kind.UNAVAILABLE);
            assertThat(f.getMessage()).contains("HTTP 502");
          });
    }
    long calls = vendor.count("/v8/finance/chart/DOWN");
    assertThatThrownBy(() -> await(fetch(adapter, "DOWN"))).hasMessageContaining("circuit breaker");
    assertThat(vendor.count("/v8/finance/chart/DOWN")).isEqualTo(calls);
    assertThat(io.ndc.platform.health.Breakers.states(vertx).get("source:down").name()).isEqualTo("OPEN");
  }

  @Test
  void theQuotaCountsRequestsAndHoldsTheOneOverIt() {
    SourceDefinition definition = new SourceDefinition("quota", "yahoo", vendor.baseUrl(), null, 2, 2, new JsonObject());
    SourceAdapter adapter = adapters.adapter(definition);
    await(fetch(adapter, "AAPL"));
    await(fetch(adapter, "AAPL"));
    assertThat(await(adapters.quota(definition).state()).getLong("used")).isEqualTo(2);
    Future<?> third = fetch(adapter, "AAPL");
    // the third has reserved its slot, 30 s ahead (2 a minute): from then on it waits, and nothing went out for it
    io.ndc.collector.testing.CollectorHarness.eventually(
        () -> assertThat(await(adapters.quota(definition).state()).getLong("used")).isEqualTo(3), Duration.ofSeconds(5));
    assertThat(third.isComplete()).isFalse();
    assertThat(vendor.count("/v8/finance/chart/AAPL")).isEqualTo(2);
  }
}
