package io.ndc.analysis;

import io.ndc.analysis.series.ResultCache;
import io.ndc.analysis.series.SeriesStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.ndc.analysis.series.Window;
import io.ndc.contract.analysis.SeriesRange;
import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Function;
import java.util.concurrent.Callable;

/**
 * What the query verticles share: the node's series (through its {@link SeriesStore}), a Redis result cache of their
 * own, the settings, and computation that leaves the event loop when it is large.
 */
abstract class QueryVerticle extends VerticleBase {
  protected final SeriesStore store;
  private final String address;
  protected AnalysisSettings settings;
  protected ResultCache results;

  QueryVerticle(SeriesStore store, String address) {
    this.store = store;
    this.address = address;
  }

  @Override
  public Future<?> start() {
    settings = AnalysisSettings.of(config());
    results = new ResultCache(vertx, config());
    // every query verticle drops stale series on its own event loop: storage publishes a change before it answers the
    // write, so a request sent after that answer is handled here after the invalidation (one loop, one order)
    return vertx.eventBus().<JsonObject>consumer(StorageAddresses.DATA_CHANGED,
            m -> store.invalidate(DataChanged.fromJson(m.body()))).completion()
        .compose(v -> vertx.eventBus().consumer(address, handler()).completion());
  }

  /** The handler of the verticle's address (a typed request through {@link io.ndc.platform.bus.Handlers}). */
  protected abstract Handler<Message<JsonObject>> handler();

  @Override
  public Future<?> stop() {
    results.close();
    return Future.succeededFuture();
  }

  /**
   * The answer of {@code kind} to {@code request} over {@code range} with {@code lookback} warm-up bars: from Redis
   * when an answer over the same data version is there, else computed by {@code answer} (off the event loop when it
   * touches more than {@code analysis.compute.inline_max_points} values: bars times {@code weight}).
   */
  protected Future<JsonObject> answered(String kind, SeriesRange range, JsonObject request, int lookback, int weight,
      Function<Window, JsonObject> answer) {
    return answeredText(kind, range, request, lookback, weight, answer).map(JsonObject::new);
  }

  /** {@link #answered} as the answer's JSON text (what the cache holds), for callers that accept it encoded. */
  protected Future<String> answeredText(String kind, SeriesRange range, JsonObject request, int lookback, int weight,
      Function<Window, JsonObject> answer) {
    Instant now = Instant.now();
    String text = request.put("start", range.start(now).toString()).encode();
    return store.window(range, lookback, now).compose(window -> results.cachedText(results.key(kind, window.series(), text),
        () -> compute((long) window.series().bars().size() * weight, () -> answer.apply(window).encode())));
  }

  /**
   * Runs {@code work} here when it touches at most {@code analysis.compute.inline_max_points} values, on a worker
   * thread otherwise, so a ten-year series with many indicators does not hold the event loop.
   */
  protected <T> Future<T> compute(long points, Callable<T> work) {
    if (points <= settings.inlineMaxPoints()) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(work, false);
  }
}
