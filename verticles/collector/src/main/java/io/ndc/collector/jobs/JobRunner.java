package io.ndc.collector.jobs;

import io.ndc.collector.source.Dataset;
import io.ndc.collector.source.FetchRequest;
import io.ndc.contract.BarInterval;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceFailure;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.RowCounts;
import io.ndc.contract.Failure;
import io.ndc.contract.storage.BarsIngest;
import io.ndc.contract.storage.Instrument;
import io.ndc.contract.storage.InstrumentUpsert;
import io.ndc.contract.storage.LastBar;
import io.ndc.contract.storage.LastBarQuery;
import io.ndc.contract.storage.SeriesRows;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one attempt of a collection job: symbol by symbol, asks storage for the last stored bar (incremental), fetches
 * the rest of the window from the source and sends it to storage, which replies after commit. A symbol the source
 * rejects is reported and the others still run; a throttled or unavailable source stops the attempt and leaves the
 * symbols not yet done for the next one.
 */
public final class JobRunner {
  /** How an attempt ended. {@code stoppedBy} is null when every symbol was tried. */
  public record Outcome(RowCounts rows, List<String> remaining, List<String> rejections, Throwable stoppedBy) {
  }

  private static final int CHUNK = 5_000;

  private final Vertx vertx;
  private final long ingestTimeoutMs;
  private final int defaultLookbackDays;

  public JobRunner(Vertx vertx, JobSettings settings) {
    this.vertx = vertx;
    this.ingestTimeoutMs = settings.ingestTimeoutMs();
    this.defaultLookbackDays = settings.defaultLookbackDays();
  }

  public Future<Outcome> run(Collector collector, SourceAdapter adapter, List<String> symbols) {
    if (!adapter.capabilities().contains(collector.dataset().capability())) {
      return Future.succeededFuture(new Outcome(RowCounts.NONE, List.of(), List.of(
          "the source does not provide " + collector.dataset().capability()), null));
    }
    return step(collector, adapter, symbols, 0, RowCounts.NONE, new ArrayList<>());
  }

  private Future<Outcome> step(Collector collector, SourceAdapter adapter, List<String> symbols, int index, RowCounts rows,
      List<String> rejections) {
    if (index >= symbols.size()) {
      return Future.succeededFuture(new Outcome(rows, List.of(), rejections, null));
    }
    String symbol = symbols.get(index);
    return collectSymbol(collector, adapter, symbol).transform(ar -> {
      if (ar.succeeded()) {
        return step(collector, adapter, symbols, index + 1, rows.plus(ar.result()), rejections);
      }
      Throwable error = ar.cause();
      if (permanent(error)) {
        rejections.add(symbol + ": " + message(error));
        return step(collector, adapter, symbols, index + 1, rows, rejections);
      }
      return Future.succeededFuture(new Outcome(rows, symbols.subList(index, symbols.size()), rejections, error));
    });
  }

  /** A rejected request, or storage refusing the batch as a whole (4xx), will not get better by retrying. */
  static boolean permanent(Throwable error) {
    if (error instanceof IllegalArgumentException) {
      return true;
    }
    if (error instanceof SourceFailure f) {
      return f.kind() == SourceFailure.Kind.REJECTED;
    }
    Failure failure = error instanceof Failure f ? f : Failure.from(error);
    return failure.status() >= 400 && failure.status() < 500 && failure.status() != 429;
  }

  static String message(Throwable error) {
    if (error instanceof SourceFailure || error instanceof IllegalArgumentException) {
      return error.getMessage();
    }
    Failure failure = Failure.from(error);
    return "storage: " + failure.code() + " " + failure.getMessage();
  }

  private Future<RowCounts> collectSymbol(Collector collector, SourceAdapter adapter, String symbol) {
    LocalDate to = collector.endDate() != null ? collector.endDate() : LocalDate.now(ZoneOffset.UTC);
    LocalDate from = collector.startDate() != null ? collector.startDate() : to.minusDays(defaultLookbackDays);
    return switch (collector.dataset()) {
      case BARS -> lastStored(symbol, collector.interval())
          .compose(last -> {
            LocalDate start = last != null && last.isAfter(from) ? last : from;
            if (start.isAfter(to)) {
              return Future.succeededFuture(RowCounts.NONE);
            }
            return adapter.historyBars(new FetchRequest(symbol, collector.interval(), start, to, collector.params()))
                .compose(rows -> ingest(Dataset.BARS, collector, rows));
          });
      case INSTRUMENTS -> adapter.instrument(symbol).compose(instrument -> vertx.eventBus()
          .<JsonObject>request(StorageAddresses.INSTRUMENTS_UPSERT, InstrumentUpsert.of(Instrument.fromJson(instrument)).toJson(),
              new DeliveryOptions().setSendTimeout(ingestTimeoutMs))
          .map(reply -> RowCounts.fromReply(reply.body())));
      case TRADING_TRENDS -> adapter.tradingTrends(new FetchRequest(symbol, collector.interval(), from, to, collector.params()))
          .compose(rows -> ingest(Dataset.TRADING_TRENDS, collector, rows));
      // the whole window every run: a source sends every quarter it has in one answer and restates past quarters,
      // which storage counts as revised; unrestated quarters are unchanged
      case FINANCIALS -> adapter.financials(new FetchRequest(symbol, collector.interval(), from, to, collector.params()))
          .compose(rows -> ingest(Dataset.FINANCIALS, collector, rows));
      default -> Future.failedFuture(SourceFailure.rejected("dataset " + collector.dataset().id() + " is not collected by jobs"
          + (collector.dataset() == Dataset.TRADES ? "; make the collector live" : "")));
    };
  }

  /** The newest stored bar's exchange-local date, so a job fetches from there on (that bar is re-checked). */
  private Future<LocalDate> lastStored(String symbol, String interval) {
    LastBarQuery query = new LastBarQuery(symbol, BarInterval.parse(interval));
    return vertx.eventBus().<JsonObject>request(StorageAddresses.BARS_LAST, query.toJson(),
            new DeliveryOptions().setSendTimeout(ingestTimeoutMs))
        .map(reply -> LastBar.fromJson(reply.body()).lastDate());
  }

  private Future<RowCounts> ingest(Dataset dataset, Collector collector, List<JsonObject> rows) {
    Future<RowCounts> chain = Future.succeededFuture(RowCounts.NONE);
    for (int start = 0; start < rows.size(); start += CHUNK) {
      JsonArray chunk = new JsonArray(new ArrayList<>(rows.subList(start, Math.min(rows.size(), start + CHUNK))));
      JsonObject body = dataset == Dataset.BARS
          ? new BarsIngest(collector.sourceId(), BarInterval.parse(collector.interval()), chunk).toJson()
          : new SeriesRows(collector.sourceId(), chunk).toJson();
      chain = chain.compose(sum -> vertx.eventBus()
          .<JsonObject>request(dataset.ingestAddress(), body, new DeliveryOptions().setSendTimeout(ingestTimeoutMs))
          .map(reply -> sum.plus(RowCounts.fromReply(reply.body()))));
    }
    return chain;
  }
}
