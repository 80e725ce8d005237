package io.ndc.collector.source.finnhub;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.contract.BarIntervals;
import io.ndc.collector.source.LiveFeed;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finnhub: REST candles ({@code {base_url}/api/v1/stock/candle?symbol&resolution&from&to&token}) and live trades over
 * its WebSocket ({@code ws_url}, default {@value #DEFAULT_WS_URL}; at most {@code max_symbols}, default 50, per
 * connection and key). Param {@code timezone} (default America/New_York) dates daily candles.
 */
public final class FinnhubAdapter implements SourceAdapter {
  public static final String DEFAULT_BASE_URL = "https://finnhub.io";
  public static final String DEFAULT_WS_URL = "wss://ws.finnhub.io";
  private static final Map<String, String> RESOLUTIONS = Map.of(
      "1m", "1", "5m", "5", "15m", "15", "1h", "60", "daily", "D", "weekly", "W", "monthly", "M");

  private final SourceContext context;
  private final String baseUrl;
  private final ZoneId zone;
  private final FinnhubFeed.Settings feedSettings;

  public FinnhubAdapter(SourceContext context) {
    this.context = context;
    JsonObject params = context.definition().params();
    String base = context.definition().baseUrl();
    this.baseUrl = base == null || base.isBlank() ? DEFAULT_BASE_URL : base.replaceAll("/+$", "");
    if (context.definition().apiKey() == null || context.definition().apiKey().isBlank()) {
      throw new IllegalArgumentException("a finnhub source needs an api_key");
    }
    try {
      this.zone = ZoneId.of(params.getString("timezone", "America/New_York"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown timezone " + params.getString("timezone"));
    }
    this.feedSettings = new FinnhubFeed.Settings(params.getString("ws_url", DEFAULT_WS_URL), context.definition().apiKey(),
        params.getInteger("max_symbols", 50), params.getLong("heartbeat_timeout_ms", 30_000L),
        params.getLong("reconnect_max_ms", 30_000L));
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS, Capability.LIVE_TRADES);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    String resolution = RESOLUTIONS.get(BarIntervals.require(request.interval()));
    long from = request.from().minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long to = request.to().plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    return context.http().get(baseUrl + "/api/v1/stock/candle", Map.of("symbol", request.symbol(), "resolution", resolution,
            "from", Long.toString(from), "to", Long.toString(to), "token", context.definition().apiKey()), Map.of())
        .map(response -> {
          if (response.statusCode() != 200 && response.statusCode() != 401 && response.statusCode() != 403) {
            throw SourceFailure.rejected("Finnhub answered HTTP " + response.statusCode() + " for " + request.symbol());
          }
          return FinnhubParser.candles(response.bodyAsString(), request.symbol(), !BarIntervals.intraday(request.interval()), zone,
              request.from(), request.to());
        });
  }

  @Override
  public LiveFeed openFeed(List<String> symbols, LiveFeed.Listener listener) {
    if (symbols.size() > feedSettings.maxSymbols()) {
      throw SourceFailure.rejected("Finnhub serves at most " + feedSettings.maxSymbols() + " symbols per connection; "
          + symbols.size() + " were asked");
    }
    return new FinnhubFeed(context.vertx(), feedSettings, symbols, listener);
  }
}
