package io.ndc.collector.source.alphavantage;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.collector.source.Intervals;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alpha Vantage: {@code {base_url}/query?function=TIME_SERIES_...&symbol&outputsize&apikey}. */
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
    return Set.of(Capability.HISTORY_BARS);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    String interval = Intervals.require(request.interval());
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
    query.put("apikey", context.definition().apiKey());
    return context.http().get(baseUrl + "/query", query, Map.of()).map(response -> {
      if (response.statusCode() != 200) {
        throw SourceFailure.rejected("Alpha Vantage answered HTTP " + response.statusCode() + " for " + request.symbol());
      }
      return AlphaVantageParser.parse(response.bodyAsString(), request.symbol(), !Intervals.intraday(interval),
          request.from(), request.to(), throttleWaitMs);
    });
  }
}
