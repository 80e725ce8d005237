package io.ndc.analysis;

import io.ndc.analysis.expr.Expression;
import io.ndc.analysis.expr.ValueType;
import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.series.LoadedSeries;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.analysis.series.Window;
import io.ndc.contract.Failure;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.BarInterval;
import io.ndc.contract.analysis.ScreenQuery;
import io.ndc.contract.analysis.SeriesRange;
import io.ndc.contract.Page;
import io.ndc.contract.storage.InstrumentQuery;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ndc.analysis.screen.run}: a boolean expression on each symbol's bar at a date (default: its latest), over a
 * list, a market or every instrument, {@code analysis.screen.concurrency} symbols at a time within
 * {@code analysis.screen.budget_ms}. Each symbol's value is the one {@code /analysis/custom} gives for that bar with
 * {@code start_date} and {@code end_date} on it (warm-up auto). A symbol that cannot be evaluated (unknown, too few
 * bars, no bar on the date, a null value, the budget spent) is skipped with its reason, never failing the screen.
 */
public final class ScreenVerticle extends QueryVerticle {
  private static final int PAGE = 1000;
  /** Symbols per {@code ndc.storage.bars.query_many} request, and such requests in flight per screen. */
  private static final int CHUNK = 250;
  private static final int CHUNKS_IN_FLIGHT = 2;

  public ScreenVerticle(SeriesStore store) {
    super(store, AnalysisAddresses.SCREEN_RUN);
  }

  @Override
  protected Handler<Message<JsonObject>> handler() {
    return Handlers.typed(ScreenQuery::fromJson, this::screen);
  }

  private record Match(String symbol, String date, Double rank) {
  }

  private final class Run {
    final ScreenQuery query;
    final Expression condition;
    final Expression rank;
    final int lookback;
    final long started = System.currentTimeMillis();
    final List<Match> matches = new ArrayList<>();
    final JsonArray skipped = new JsonArray();
    int evaluated;

    Run(ScreenQuery query) {
      this.query = query;
      this.condition = CustomExpressionVerticle.parse("expression", query.expression(), settings.expressionLimits());
      if (condition.type() != ValueType.BOOLEAN) {
        throw Failure.validation("a screen's expression must be true or false at each bar, e.g. close > sma(close,200)");
      }
      this.rank = query.rankBy() == null ? null
          : CustomExpressionVerticle.parse("rank_by", query.rankBy(), settings.expressionLimits());
      if (rank != null && rank.type() != ValueType.NUMBER) {
        throw Failure.validation("rank_by must be a number at each bar, e.g. rsi(close,14)");
      }
      this.lookback = Math.max(condition.lookback(), rank == null ? 0 : rank.lookback());
    }

    void skip(String symbol, String reason) {
      skipped.add(new JsonObject().put("symbol", symbol).put("reason", reason));
    }
  }

  private Future<JsonObject> screen(ScreenQuery query) {
    Run run = new Run(query);
    return universe(query).compose(symbols -> {
      if (symbols.size() > settings.screenMaxSymbols()) {
        throw Failure.validation("the screen covers " + symbols.size() + " symbols, at most "
            + settings.screenMaxSymbols() + " (analysis.screen.max_symbols)");
      }
      List<Future<Void>> workers = new ArrayList<>();
      if (stored(query.interval())) {
        // stored intervals: the last bars of many symbols per storage request
        ArrayDeque<List<String>> chunks = new ArrayDeque<>();
        for (int i = 0; i < symbols.size(); i += CHUNK) {
          chunks.add(symbols.subList(i, Math.min(symbols.size(), i + CHUNK)));
        }
        for (int i = 0; i < Math.min(CHUNKS_IN_FLIGHT, chunks.size()); i++) {
          Promise<Void> done = Promise.promise();
          nextChunk(run, chunks, done);
          workers.add(done.future());
        }
      } else {
        ArrayDeque<String> queue = new ArrayDeque<>(symbols);
        for (int i = 0; i < Math.max(1, settings.screenConcurrency()); i++) {
          Promise<Void> done = Promise.promise();
          next(run, queue, done);
          workers.add(done.future());
        }
      }
      return Future.all(workers).map(v -> answer(run));
    });
  }

  /** Intervals storage holds as such (the others it aggregates per symbol on each read). */
  private static boolean stored(BarInterval interval) {
    return interval == BarInterval.DAILY || interval == BarInterval.M1;
  }

  /** One worker over chunks of symbols: their last look-back + 1 bars in one request each. */
  private void nextChunk(Run run, ArrayDeque<List<String>> chunks, Promise<Void> done) {
    List<String> chunk = chunks.poll();
    if (chunk == null) {
      done.complete();
      return;
    }
    if (System.currentTimeMillis() - run.started > settings.screenBudgetMs()) {
      chunk.forEach(symbol -> run.skip(symbol, "the screen's time budget of " + settings.screenBudgetMs() + " ms was spent"));
      nextChunk(run, chunks, done);
      return;
    }
    BarInterval interval = run.query.interval();
    String start = run.query.date() != null ? run.query.date() : recentStart(interval);
    SeriesRange range = new SeriesRange(chunk.get(0), interval, start, run.query.date(), null, true);
    long from = range.start(Instant.now()).toEpochMilli();
    store.tails(chunk, interval, range.end(), run.lookback + 1).onComplete(ar -> {
      if (ar.failed()) {
        String reason = Failure.from(ar.cause()).getMessage();
        chunk.forEach(symbol -> run.skip(symbol, reason));
      } else {
        for (String symbol : chunk) {
          LoadedSeries series = ar.result().get(symbol);
          if (series == null) {
            run.skip(symbol, "no instrument '" + symbol + "'");
            continue;
          }
          Bars bars = series.bars();
          if (bars.size() == 0 || bars.ts()[bars.size() - 1] < from) {
            run.skip(symbol, run.query.date() != null ? "no bar on " + start : "no bar since " + start);
            continue;
          }
          judge(run, symbol, series);
        }
      }
      nextChunk(run, chunks, done);
    });
  }

  /** One worker: takes the next symbol until none is left. */
  private void next(Run run, ArrayDeque<String> queue, Promise<Void> done) {
    String symbol = queue.poll();
    if (symbol == null) {
      done.complete();
      return;
    }
    if (System.currentTimeMillis() - run.started > settings.screenBudgetMs()) {
      run.skip(symbol, "the screen's time budget of " + settings.screenBudgetMs() + " ms was spent");
      next(run, queue, done);
      return;
    }
    evaluate(run, symbol).onComplete(ar -> {
      if (ar.failed()) {
        run.skip(symbol, Failure.from(ar.cause()).getMessage());
      }
      next(run, queue, done);
    });
  }

  private Future<Void> evaluate(Run run, String symbol) {
    BarInterval interval = run.query.interval();
    String date = run.query.date();
    String start = date != null ? date : recentStart(interval);
    SeriesRange range = new SeriesRange(symbol, interval, start, date, null, true);
    return store.window(range, run.lookback, Instant.now()).map(window -> {
      if (window.size() == 0) {
        run.skip(symbol, date != null ? "no bar on " + date : "no bar since " + start);
        return null;
      }
      judge(run, symbol, window.series());
      return null;
    });
  }

  /** The expression (and rank) on the series' last bar, over exactly the look-back bars before it. */
  private void judge(Run run, String symbol, LoadedSeries series) {
    BarInterval interval = run.query.interval();
    int at = series.bars().size() - 1;
    if (at < run.lookback) {
      run.skip(symbol, "not enough bars: " + (at + 1) + " stored up to " + interval.format(series.bars().ts()[at])
          + ", the expression needs " + (run.lookback + 1));
      return;
    }
    Window bar = new Window(series, at);
    Object matched = CustomExpressionVerticle.values(run.condition, bar).get(0);
    String barDate = interval.format(series.bars().ts()[at]);
    if (matched == null) {
      run.skip(symbol, "the expression has no value on " + barDate);
      return;
    }
    run.evaluated++;
    if (Boolean.TRUE.equals(matched)) {
      Double rank = run.rank == null ? null : (Double) CustomExpressionVerticle.values(run.rank, bar).get(0);
      run.matches.add(new Match(symbol, barDate, rank));
    }
  }

  /** Where a screen for the latest bar starts reading: a few bars back, enough to find the latest after a holiday. */
  private static String recentStart(BarInterval interval) {
    long back = interval.intraday() ? 3 * 86_400_000L : Math.max(14 * 86_400_000L, 4 * interval.lengthMs());
    return LocalDate.ofInstant(Instant.now().minusMillis(back), ZoneOffset.UTC).toString();
  }

  private JsonObject answer(Run run) {
    List<Match> ordered = new ArrayList<>(run.matches);
    if (run.rank != null) {
      ordered.sort(Comparator.comparing(Match::rank, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
          .thenComparing(Match::symbol));
    } else {
      ordered.sort(Comparator.comparing(Match::symbol));
    }
    JsonArray matches = new JsonArray();
    ordered.stream().limit(run.query.limit()).forEach(m -> matches.add(new JsonObject().put("symbol", m.symbol())
        .put("date", m.date()).put("rank", m.rank())));
    return new JsonObject().put("matches", matches).put("evaluated", run.evaluated).put("skipped", run.skipped)
        .put("elapsed_ms", System.currentTimeMillis() - run.started);
  }

  /** The symbols of the query's universe: as listed, or the instruments of a market (or all) page by page from storage. */
  private Future<List<String>> universe(ScreenQuery query) {
    if (!query.symbols().isEmpty()) {
      return Future.succeededFuture(query.symbols());
    }
    return instruments(query.market(), 1, new ArrayList<>());
  }

  private Future<List<String>> instruments(String market, int page, List<String> into) {
    JsonObject request = new InstrumentQuery(market, null, null, new Page(page, PAGE)).toJson();
    return vertx.eventBus().<JsonObject>request(StorageAddresses.INSTRUMENTS_LIST, request,
        new DeliveryOptions().setSendTimeout(settings.busTimeoutMs())).compose(reply -> {
          JsonArray items = reply.body().getJsonArray("items", new JsonArray());
          items.forEach(item -> into.add(((JsonObject) item).getString("symbol")));
          long pages = Page.pages(reply.body());
          return page < pages && into.size() <= settings.screenMaxSymbols() ? instruments(market, page + 1, into)
              : Future.succeededFuture(into);
        });
  }
}
