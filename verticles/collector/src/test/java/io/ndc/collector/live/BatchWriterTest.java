package io.ndc.collector.live;

import static io.ndc.collector.testing.CollectorHarness.await;
import static io.ndc.collector.testing.CollectorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live storage writer against a consumer on its address that answers when the test says (as storage does after
 * its commit): batch sizes behind a batch in flight, and the writer's metrics as {@code /metrics} shows them.
 */
class BatchWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private Context context;
  /** Meters are per address and the registry is the process's: each test writes to an address of its own. */
  private String address;
  private final List<Message<JsonObject>> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    address = "test.live.writer." + UUID.randomUUID();
    await(vertx.eventBus().<JsonObject>consumer(address, requests::add).completion());
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void rowsThatGatherBehindABatchInFlightGoRightAfterItsReplyInBatchesUpToTheMaximum() {
    BatchWriter writer = writer(10, 25, 1_000);
    addRows(writer, 0, 10, System.currentTimeMillis());
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    addRows(writer, 10, 60, System.currentTimeMillis());
    assertThat(backlog()).as("buffered and in flight").isEqualTo(70);

    for (int answered = 0; answered < 4; answered++) {
      int sent = answered + 1;
      eventually(() -> assertThat(requests).hasSize(sent), WAIT);
      requests.get(answered).reply(new JsonObject().put("accepted", rows(requests.get(answered)).size()));
    }
    eventually(() -> assertThat(backlog()).isZero(), WAIT);
    assertThat(requests).extracting(m -> rows(m).size()).containsExactly(10, 25, 25, 10);
    assertThat(requests.stream().flatMap(m -> rows(m).stream()).map(row -> row.getInteger("i")))
        .as("every row once, in order").containsExactlyElementsOf(IntStream.range(0, 70).boxed().toList());
  }

  @Test
  void storeLagRunsFromEachRowsEventToStoragesReplyAndShowsAsAPrometheusHistogram() {
    BatchWriter writer = writer(4, 4, 1_000);
    long now = System.currentTimeMillis();
    addRows(writer, 0, 3, now - 2_000);
    // a vendor clock ahead of ours: the row counts, with no lag
    addRows(writer, 3, 1, now + 60_000);
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    requests.get(0).reply(new JsonObject().put("accepted", 4));

    Timer lag = Metrics.registry().get("ndc_collector_live_store_lag").tag("address", address).timer();
    eventually(() -> assertThat(lag.count()).isEqualTo(4), WAIT);
    assertThat(lag.max(TimeUnit.MILLISECONDS)).isBetween(2_000.0, 30_000.0);
    assertThat(lag.totalTime(TimeUnit.MILLISECONDS)).isBetween(3 * 2_000.0, 3 * 30_000.0);
    String scraped = Metrics.scrape();
    String tag = "{address=\"" + address + "\"";
    assertThat(scraped).contains("ndc_collector_live_store_lag_seconds_bucket" + tag + ",le=\"0.001\"} 1")
        .contains("ndc_collector_live_store_lag_seconds_bucket" + tag + ",le=\"+Inf\"} 4")
        .contains("ndc_collector_live_store_lag_seconds_count" + tag + "} 4")
        .contains("ndc_collector_live_rows_total" + tag + "} 4")
        .contains("ndc_collector_live_write_backlog" + tag + "} 0");
  }

  @Test
  void aFailedBatchIsKeptInOrderAndRowsStillBufferedWhenTheFeedStopsAreCountedAsDropped() {
    BatchWriter writer = writer(5, 5, 1_000);
    addRows(writer, 0, 5, System.currentTimeMillis());
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    requests.get(0).fail(503, "storage is restarting");
    eventually(() -> assertThat(on(writer::buffered)).isEqualTo(5), WAIT);
    assertThat(requests).as("no retry until more rows or the tick").hasSize(1);

    addRows(writer, 5, 7, System.currentTimeMillis());
    eventually(() -> assertThat(requests).hasSize(2), WAIT);
    assertThat(rows(requests.get(1))).extracting(row -> row.getInteger("i")).containsExactly(0, 1, 2, 3, 4);
    assertThat(backlog()).isEqualTo(12);

    on(() -> {
      writer.close();
      return null;
    });
    assertThat(dropped()).as("the 7 rows behind the batch in flight").isEqualTo(7);
    assertThat(backlog()).as("a stopped feed's writer leaves the gauge").isZero();
    requests.get(1).reply(new JsonObject().put("accepted", 5));
    Timer lag = Metrics.registry().get("ndc_collector_live_store_lag").tag("address", address).timer();
    eventually(() -> assertThat(lag.count()).as("the batch in flight was stored").isEqualTo(5), WAIT);
  }

  @Test
  void aStoppingFeedWritesEverythingItBufferedBatchAfterBatch() {
    BatchWriter writer = writer(10, 10, 1_000);
    addRows(writer, 0, 35, System.currentTimeMillis());
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    io.vertx.core.Future<Void> drained = on(() -> writer.drain(System.currentTimeMillis() + 5_000));
    for (int answered = 0; answered < 4; answered++) {
      int sent = answered + 1;
      eventually(() -> assertThat(requests).hasSize(sent), WAIT);
      requests.get(answered).reply(new JsonObject().put("accepted", rows(requests.get(answered)).size()));
    }
    await(drained);
    on(() -> {
      writer.close();
      return null;
    });
    assertThat(requests.stream().flatMap(m -> rows(m).stream()).map(row -> row.getInteger("i")))
        .containsExactlyElementsOf(IntStream.range(0, 35).boxed().toList());
    assertThat(dropped()).isZero();
  }

  @Test
  void aStoppingFeedGivesUpAtTheFirstFailedWriteAndCountsTheRestAsDropped() {
    BatchWriter writer = writer(10, 10, 1_000);
    addRows(writer, 0, 25, System.currentTimeMillis());
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    io.vertx.core.Future<Void> drained = on(() -> writer.drain(System.currentTimeMillis() + 5_000));
    requests.get(0).fail(503, "storage is restarting");
    await(drained);
    on(() -> {
      writer.close();
      return null;
    });
    assertThat(requests).as("no retries against a storage that refuses").hasSize(1);
    assertThat(dropped()).isEqualTo(25);
  }

  @Test
  void beyondMaxBufferedTheOldestRowsAreDropped() {
    BatchWriter writer = writer(100, 100, 3);
    addRows(writer, 0, 5, System.currentTimeMillis());
    assertThat(dropped()).isEqualTo(2);
    assertThat(backlog()).isEqualTo(3);
    on(writer::flush);
    eventually(() -> assertThat(requests).hasSize(1), WAIT);
    assertThat(rows(requests.get(0))).extracting(row -> row.getInteger("i")).containsExactly(2, 3, 4);
  }

  private BatchWriter writer(int batchSize, int maxBatchSize, int maxBuffered) {
    LiveSettings settings = LiveSettings.fromConfig(new JsonObject().put("collector", new JsonObject().put("live", new JsonObject()
        .put("batch_size", batchSize).put("max_batch_size", maxBatchSize).put("max_buffered", maxBuffered)
        .put("write_timeout_ms", 10_000))));
    return on(() -> new BatchWriter(vertx, address, rows -> new JsonObject().put("rows", rows), settings));
  }

  /** Rows {@code first..first+count-1} (field {@code i}), added on the writer's context as a feed does. */
  private void addRows(BatchWriter writer, int first, int count, long eventMillis) {
    on(() -> {
      for (int i = first; i < first + count; i++) {
        writer.add(new JsonObject().put("i", i), eventMillis);
      }
      return null;
    });
  }

  private <T> T on(Supplier<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    return result.orTimeout(5, TimeUnit.SECONDS).join();
  }

  private double backlog() {
    return Metrics.registry().get("ndc_collector_live_write_backlog").tag("address", address).gauge().value();
  }

  private double dropped() {
    return Metrics.registry().get("ndc_collector_live_dropped_total").tag("address", address).counter().count();
  }

  private static List<JsonObject> rows(Message<JsonObject> request) {
    return request.body().getJsonArray("rows").stream().map(JsonObject.class::cast).toList();
  }
}
