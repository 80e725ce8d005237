package io.ndc.analysis;

import io.ndc.analysis.series.ResultCache;
import io.ndc.analysis.series.SeriesStore;
import io.vertx.core.Future;
import io.ndc.analysis.series.Window;
import io.ndc.contract.analysis.SeriesRange;
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
  protected AnalysisSettings settings;
  protected ResultCache results;

  QueryVerticle(SeriesStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    settings = AnalysisSettings.of(config());
    results = new ResultCache(vertx, config());
    return register();
  }

  /** Registers the verticle's bus consumers; completes when they are registered. */
  protected abstract Future<?> register();

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
    Instant now = Instant.now();
    String text = request.put("start", range.start(now).toString()).encode();
    return store.window(range, lookback, now).compose(window -> results.cached(results.key(kind, window.series(), text),
        () -> compute((long) window.series().bars().size() * weight, () -> answer.apply(window))));
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
