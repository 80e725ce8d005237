package io.ndc.collector.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows of a live feed and writes them to a storage ingest address in batches, one request in flight at a
 * time. A batch goes when {@code batch_size} rows are buffered (or at the feed's tick); what gathers while it is in
 * flight goes right after its reply, in one batch of up to {@code max_batch_size} rows, so a faster feed or a slower
 * storage makes batches bigger (a batch's fixed cost is spread over more rows) instead of a growing backlog. Rows
 * stay buffered until storage confirms them, so a storage outage delays rather than loses them, up to a
 * bound beyond which the oldest rows are dropped and counted ({@code ndc_collector_live_dropped_total}).
 *
 * <p>Per address, summed over the node's feeds: rows handed in ({@code ndc_collector_live_rows_total}), rows not yet
 * confirmed ({@code ndc_collector_live_write_backlog}), and the time from each row's event (a trade's {@code ts}, a
 * bar's end) to storage's reply, which storage sends after the commit ({@code ndc_collector_live_store_lag_seconds}).
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
  /** The open writers per address, whose backlogs the address's gauge sums (a stopped feed's writer leaves). */
  private static final Map<String, Set<BatchWriter>> OPEN = new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final String address;
  private final Function<JsonArray, JsonObject> body;
  private final int batchSize;
  private final int maxBatchSize;
  private final int maxBuffered;
  private final long timeoutMs;
  private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
  private final Counter rows;
  private final Counter dropped;
  private final Timer storeLag;
  private boolean inFlight;
  /** Completes with whether the batch in flight was stored. */
  private Future<Boolean> inFlightSettled = Future.succeededFuture(true);
  private boolean closed;
  /** Rows buffered or in flight; read by the gauge off the event loop. */
  private volatile int backlog;

  /** A row with the instant its lag is measured from. */
  private record Pending(JsonObject row, long eventMillis) {
  }

  BatchWriter(Vertx vertx, String address, Function<JsonArray, JsonObject> body, LiveSettings settings) {
    this.vertx = vertx;
    this.address = address;
    this.body = body;
    this.batchSize = settings.batchSize();
    this.maxBatchSize = settings.maxBatchSize();
    this.maxBuffered = settings.maxBuffered();
    this.timeoutMs = settings.writeTimeoutMs();
    this.rows = Counter.builder("ndc_collector_live_rows_total").description("rows live feeds handed to the storage writer")
        .tag("address", address).register(Metrics.registry());
    this.dropped = Counter.builder("ndc_collector_live_dropped_total")
        .description("live rows dropped: over collector.live.max_buffered, or still unwritten when their feed stopped")
        .tag("address", address).register(Metrics.registry());
    this.storeLag = Timer.builder("ndc_collector_live_store_lag")
        .description("time from a live row's event (a trade's ts, a 1m bar's end) to storage's reply after committing it")
        .tag("address", address)
        // buckets, not client-side percentiles: they add up across nodes and any window's quantiles follow from
        // them (histogram_quantile in Prometheus, scripts/bench/live.sh for its window)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(Metrics.registry());
    OPEN.computeIfAbsent(address, a -> {
      Set<BatchWriter> writers = ConcurrentHashMap.newKeySet();
      Gauge.builder("ndc_collector_live_write_backlog", writers, BatchWriter::backlogOf)
          .description("live rows waiting for storage's confirmation (buffered or in flight) on this node")
          .tag("address", a).strongReference(true).register(Metrics.registry());
      return writers;
    }).add(this);
  }

  private static double backlogOf(Set<BatchWriter> writers) {
    return writers.stream().mapToInt(w -> w.backlog).sum();
  }

  /** Buffers a row whose store lag counts from {@code eventMillis} (epoch ms). */
  void add(JsonObject row, long eventMillis) {
    rows.increment();
    if (buffer.size() >= maxBuffered) {
      buffer.pollFirst();
      dropped.increment();
    } else {
      backlog++;
    }
    buffer.addLast(new Pending(row, eventMillis));
    if (buffer.size() >= batchSize) {
      flush();
    }
  }

  /** Sends the next batch unless one is in flight; completes when that batch is settled. */
  Future<Void> flush() {
    return send().mapEmpty();
  }

  /**
   * For a stopping feed: writes what is buffered, batch after batch, until nothing is left, a write fails (storage
   * is not taking rows: no point in hammering it) or {@code deadlineMillis} passes; {@link #close()} then counts
   * what is left as dropped. A batch in flight is waited for, bounded by the write timeout.
   */
  Future<Void> drain(long deadlineMillis) {
    if (System.currentTimeMillis() >= deadlineMillis || (buffer.isEmpty() && !inFlight)) {
      return Future.succeededFuture();
    }
    Future<Boolean> step = inFlight ? inFlightSettled : send();
    return step.compose(stored -> stored ? drain(deadlineMillis) : Future.succeededFuture());
  }

  /** The next batch, or the settled outcome (true) when there is nothing to send or a batch is in flight. */
  private Future<Boolean> send() {
    if (inFlight || buffer.isEmpty()) {
      return Future.succeededFuture(true);
    }
    int size = Math.min(maxBatchSize, buffer.size());
    List<Pending> batch = new ArrayList<>(size);
    List<JsonObject> json = new ArrayList<>(size);
    while (batch.size() < size) {
      Pending next = buffer.pollFirst();
      batch.add(next);
      json.add(next.row());
    }
    inFlight = true;
    inFlightSettled = vertx.eventBus().request(address, body.apply(new JsonArray(json)), new DeliveryOptions().setSendTimeout(timeoutMs))
        .transform(reply -> {
          inFlight = false;
          if (reply.succeeded()) {
            stored(batch);
            if (buffer.size() >= batchSize) {
              flush();
            }
          } else {
            // no immediate retry: the next add or tick tries again, so an unavailable storage is not hammered
            LOG.warn("live batch of {} rows to {} failed, kept for the next flush: {}", batch.size(), address, reply.cause().toString());
            requeue(batch);
          }
          return Future.succeededFuture(reply.succeeded());
        });
    return inFlightSettled;
  }

  private void stored(List<Pending> batch) {
    long now = System.currentTimeMillis();
    for (Pending pending : batch) {
      // a vendor clock ahead of ours would give a negative lag: it counts as none
      storeLag.record(Math.max(0, now - pending.eventMillis()), TimeUnit.MILLISECONDS);
    }
    backlog -= batch.size();
  }

  /** A failed batch goes back to the front while there is room; after {@link #close()} it is dropped. */
  private void requeue(List<Pending> batch) {
    int kept = 0;
    for (int i = batch.size() - 1; i >= 0 && !closed && buffer.size() < maxBuffered; i--) {
      buffer.addFirst(batch.get(i));
      kept++;
    }
    dropped.increment(batch.size() - kept);
    backlog -= batch.size() - kept;
  }

  /** The feed stopped: what is still buffered is dropped (and counted), and the writer leaves the backlog gauge. */
  void close() {
    closed = true;
    dropped.increment(buffer.size());
    buffer.clear();
    OPEN.get(address).remove(this);
  }

  int buffered() {
    return buffer.size();
  }
}
