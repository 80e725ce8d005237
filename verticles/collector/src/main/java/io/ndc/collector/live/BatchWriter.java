package io.ndc.collector.live;

import io.micrometer.core.instrument.Counter;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows of a live feed and writes them to a storage ingest address in batches, one request in flight at a
 * time. Rows stay buffered until storage confirms them, so a storage outage delays rather than loses them, up to a
 * bound beyond which the oldest rows are dropped and counted ({@code ndc_collector_live_dropped_total}).
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  private final Vertx vertx;
  private final String address;
  private final Function<JsonArray, JsonObject> body;
  private final int batchSize;
  private final int maxBuffered;
  private final long timeoutMs;
  private final ArrayDeque<JsonObject> buffer = new ArrayDeque<>();
  private final Counter dropped;
  private boolean inFlight;

  BatchWriter(Vertx vertx, String address, Function<JsonArray, JsonObject> body, int batchSize, int maxBuffered, long timeoutMs) {
    this.vertx = vertx;
    this.address = address;
    this.body = body;
    this.batchSize = batchSize;
    this.maxBuffered = maxBuffered;
    this.timeoutMs = timeoutMs;
    this.dropped = Counter.builder("ndc_collector_live_dropped_total").tag("address", address).register(Metrics.registry());
  }

  void add(JsonObject row) {
    if (buffer.size() >= maxBuffered) {
      buffer.pollFirst();
      dropped.increment();
    }
    buffer.addLast(row);
    if (buffer.size() >= batchSize) {
      flush();
    }
  }

  /** Sends the next batch unless one is in flight; completes when that batch is settled. */
  Future<Void> flush() {
    if (inFlight || buffer.isEmpty()) {
      return Future.succeededFuture();
    }
    List<JsonObject> batch = new ArrayList<>(Math.min(batchSize, buffer.size()));
    while (batch.size() < batchSize && !buffer.isEmpty()) {
      batch.add(buffer.pollFirst());
    }
    inFlight = true;
    return vertx.eventBus().request(address, body.apply(new JsonArray(new ArrayList<>(batch))), new DeliveryOptions().setSendTimeout(timeoutMs))
        .<Void>mapEmpty()
        .recover(error -> {
          LOG.warn("live batch of {} rows to {} failed, kept for the next flush: {}", batch.size(), address, error.toString());
          for (int i = batch.size() - 1; i >= 0 && buffer.size() < maxBuffered; i--) {
            buffer.addFirst(batch.get(i));
          }
          return Future.succeededFuture();
        })
        .onComplete(ar -> inFlight = false);
  }

  int buffered() {
    return buffer.size();
  }
}
