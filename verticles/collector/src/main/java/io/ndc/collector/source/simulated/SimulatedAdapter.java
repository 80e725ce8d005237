package io.ndc.collector.source.simulated;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.collector.source.LiveFeed;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code simulated} source: {@code {"symbols":[...]}} or {@code {"prefix":"SIM","count":500}}, with
 * {@code trades_per_second} (default 10) and {@code seed} (default 42). Daily history and live trades come from the
 * same seeded walk; it is the demo and load-test feed.
 */
public final class SimulatedAdapter implements SourceAdapter {
  private final SourceContext context;
  private final List<String> symbols;
  private final double tradesPerSecond;
  private final RandomWalk walk;

  public SimulatedAdapter(SourceContext context) {
    this.context = context;
    JsonObject params = context.definition().params();
    this.symbols = symbols(params);
    this.tradesPerSecond = params.getNumber("trades_per_second", 10).doubleValue();
    if (!(tradesPerSecond > 0) || tradesPerSecond > 1_000_000) {
      throw new IllegalArgumentException("trades_per_second must be in (0, 1000000]");
    }
    this.walk = new RandomWalk(params.getNumber("seed", 42).longValue());
  }

  private static List<String> symbols(JsonObject params) {
    JsonArray listed = params.getJsonArray("symbols");
    if (listed != null && !listed.isEmpty()) {
      List<String> symbols = new ArrayList<>();
      listed.forEach(s -> symbols.add(String.valueOf(s)));
      return List.copyOf(symbols);
    }
    String prefix = params.getString("prefix");
    int count = params.getInteger("count", 0);
    if (prefix == null || prefix.isBlank() || count <= 0 || count > 100_000) {
      throw new IllegalArgumentException("a simulated source needs \"symbols\":[...] or \"prefix\" with \"count\" in 1..100000");
    }
    List<String> symbols = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      symbols.add(prefix + i);
    }
    return List.copyOf(symbols);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS, Capability.LIVE_TRADES, Capability.INSTRUMENTS);
  }

  @Override
  public List<String> allSymbols() {
    return symbols;
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    if (!symbols.contains(request.symbol())) {
      return Future.failedFuture(SourceFailure.rejected("the simulated source has no symbol " + request.symbol()));
    }
    if (!request.interval().equals("daily")) {
      return Future.failedFuture(SourceFailure.rejected("the simulated source has daily history only, not " + request.interval()));
    }
    return context.vertx().executeBlocking(() -> walk.dailyBars(request.symbol(), request.from(), request.to()), false);
  }

  /**
   * Instruments come from param {@code instruments} ({@code {"AAPL":{"name":...,"market":...}}}) where given, else a
   * generic simulated instrument.
   */
  @Override
  public Future<JsonObject> instrument(String symbol) {
    if (!symbols.contains(symbol)) {
      return Future.failedFuture(SourceFailure.rejected("the simulated source has no symbol " + symbol));
    }
    JsonObject given = context.definition().params().getJsonObject("instruments", new JsonObject()).getJsonObject(symbol, new JsonObject());
    return Future.succeededFuture(new JsonObject().put("symbol", symbol).put("name", "Simulated " + symbol).put("market", "SIM")
        .putNull("sector").putNull("industry").put("currency", "USD").mergeIn(given).put("symbol", symbol));
  }

  @Override
  public LiveFeed openFeed(List<String> wanted, LiveFeed.Listener listener) {
    for (String symbol : wanted) {
      if (!symbols.contains(symbol)) {
        throw SourceFailure.rejected("the simulated source has no symbol " + symbol);
      }
    }
    return new SimulatedFeed(context.vertx(), walk, wanted, tradesPerSecond, listener);
  }
}
