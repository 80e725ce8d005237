package io.ndc.collector.source.yahoo;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.contract.BarIntervals;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Yahoo Finance chart API: {@code {base_url}/v8/finance/chart/{symbol}?period1&period2&interval}. */
public final class YahooAdapter implements SourceAdapter {
  public static final String DEFAULT_BASE_URL = "https://query1.finance.yahoo.com";
  private static final Map<String, String> INTERVALS = Map.of(
      "1m", "1m", "5m", "5m", "15m", "15m", "1h", "60m", "daily", "1d", "weekly", "1wk", "monthly", "1mo");

  private final SourceContext context;
  private final String baseUrl;

  public YahooAdapter(SourceContext context) {
    this.context = context;
    String base = context.definition().baseUrl();
    this.baseUrl = base == null || base.isBlank() ? DEFAULT_BASE_URL : base.replaceAll("/+$", "");
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    String interval = INTERVALS.get(BarIntervals.require(request.interval()));
    // the window is widened by a day on each side because dates are exchange-local; the parser trims it back
    long period1 = request.from().minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long period2 = request.to().plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    String url = baseUrl + "/v8/finance/chart/" + URLEncoder.encode(request.symbol(), StandardCharsets.UTF_8);
    return context.http()
        .get(url, Map.of("period1", Long.toString(period1), "period2", Long.toString(period2), "interval", interval),
            Map.of("Accept", "application/json"))
        .map(response -> {
          if (response.statusCode() != 200 && response.statusCode() != 404 && response.statusCode() != 400) {
            throw SourceFailure.rejected("Yahoo answered HTTP " + response.statusCode() + " for " + request.symbol());
          }
          return YahooChartParser.parse(response.bodyAsString(), request.symbol(), !BarIntervals.intraday(request.interval()),
              request.from(), request.to());
        });
  }
}
