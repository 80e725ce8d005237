package io.ndc.collector.source.alphavantage;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.contract.BarIntervals;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alpha Vantage: {@code {base_url}/query?function=TIME_SERIES_...&symbol&outputsize&apikey} for bars;
 * {@code INCOME_STATEMENT}, {@code BALANCE_SHEET} and {@code EARNINGS} for financials.
 */
public final class AlphaVantageAdapter implements SourceAdapter {
  public static final String DEFAULT_BASE_URL = "https://www.alphavantage.co";
  /** Throttle wait when the body does not say: the free tier's window is a minute. */
  public static final long DEFAULT_THROTTLE_WAIT_MS = 60_000;

  private final SourceContext context;
  private final String baseUrl;
  private final long throttleWaitMs;

  public AlphaVantageAdapter(SourceContext context) {
    this.context = context;
    String base = context.definition().baseUrl();
    this.baseUrl = base == null || base.isBlank() ? DEFAULT_BASE_URL : base.replaceAll("/+$", "");
    this.throttleWaitMs = context.definition().params().getLong("throttle_wait_ms", DEFAULT_THROTTLE_WAIT_MS);
    if (context.definition().apiKey() == null || context.definition().apiKey().isBlank()) {
      throw new IllegalArgumentException("an alphavantage source needs an api_key");
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS, Capability.FINANCIALS);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    String interval = BarIntervals.require(request.interval());
    Map<String, String> query = new LinkedHashMap<>();
    switch (interval) {
      case "daily" -> query.put("function", "TIME_SERIES_DAILY");
      case "weekly" -> query.put("function", "TIME_SERIES_WEEKLY");
      case "monthly" -> query.put("function", "TIME_SERIES_MONTHLY");
      case "1h" -> {
        query.put("function", "TIME_SERIES_INTRADAY");
        query.put("interval", "60min");
      }
      default -> {
        query.put("function", "TIME_SERIES_INTRADAY");
        query.put("interval", interval.replace("m", "min"));
      }
    }
    query.put("symbol", request.symbol());
    query.put("outputsize", "full");
    return get(query, request.symbol()).map(body -> AlphaVantageParser.parse(body, request.symbol(),
        !BarIntervals.intraday(interval), request.from(), request.to(), throttleWaitMs));
  }

  /**
   * Three calls per symbol, one after the other so that a throttled or refused call spends no more of the quota;
   * a failed call fails the symbol and the job's next attempt asks again from the first.
   */
  @Override
  public Future<List<JsonObject>> financials(FetchRequest request) {
    String symbol = request.symbol();
    return quarterly("INCOME_STATEMENT", symbol)
        .compose(income -> quarterly("BALANCE_SHEET", symbol)
            .compose(balance -> quarterly("EARNINGS", symbol)
                .map(earnings -> AlphaVantageFinancials.rows(symbol, income, balance, earnings, request.from(), request.to()))));
  }

  private Future<JsonArray> quarterly(String function, String symbol) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("function", function);
    query.put("symbol", symbol);
    return get(query, symbol).map(body -> AlphaVantageFinancials.quarterly(AlphaVantageParser.answer(body, symbol, throttleWaitMs),
        function, symbol));
  }

  /** {@code GET /query} with the key; Alpha Vantage's own errors come with HTTP 200, any other status is a refusal. */
  private Future<String> get(Map<String, String> query, String symbol) {
    query.put("apikey", context.definition().apiKey());
    return context.http().get(baseUrl + "/query", query, Map.of()).map(response -> {
      if (response.statusCode() != 200) {
        throw SourceFailure.rejected("Alpha Vantage answered HTTP " + response.statusCode() + " for " + symbol);
      }
      return response.bodyAsString();
    });
  }
}
