package io.ndc.collector.source.krx;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Korea Exchange. Daily prices come from the Open API ({@code {base_url}/svc/apis/sto/<market>_bydd_trd?basDd=},
 * header {@code AUTH_KEY}), one request per weekday for a whole market, shared by every symbol of a job; investor
 * trading trends come from the data portal ({@code portal_url}, default {@value #DEFAULT_PORTAL_URL},
 * {@code MDCSTAT02303}), two form requests (sell side, buy side) per symbol and window. Param {@code market}:
 * KOSPI (default), KOSDAQ or KONEX.
 */
public final class KrxAdapter implements SourceAdapter {
  public static final String DEFAULT_BASE_URL = "https://data-dbg.krx.co.kr";
  public static final String DEFAULT_PORTAL_URL = "http://data.krx.co.kr";
  private static final Map<String, String> MARKETS = Map.of("KOSPI", "stk", "KOSDAQ", "ksq", "KONEX", "knx");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  private final SourceContext context;
  private final String baseUrl;
  private final String portalUrl;
  private final String defaultMarket;
  /** One day of a market serves every symbol of a job: fetched once per adapter (an adapter lives for one job). */
  private final Map<String, Future<Map<String, JsonObject>>> days = new HashMap<>();

  public KrxAdapter(SourceContext context) {
    this.context = context;
    String base = context.definition().baseUrl();
    this.baseUrl = base == null || base.isBlank() ? DEFAULT_BASE_URL : base.replaceAll("/+$", "");
    this.portalUrl = context.definition().params().getString("portal_url", DEFAULT_PORTAL_URL).replaceAll("/+$", "");
    this.defaultMarket = market(context.definition().params().getString("market", "KOSPI"));
  }

  private static String market(String name) {
    String code = MARKETS.get(name == null ? "" : name.toUpperCase());
    if (code == null) {
      throw new IllegalArgumentException("market must be KOSPI, KOSDAQ or KONEX, not '" + name + "'");
    }
    return code;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS, Capability.TRADING_TRENDS);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    if (!"daily".equals(request.interval())) {
      return Future.failedFuture(SourceFailure.rejected("KRX publishes daily prices only, not " + request.interval()));
    }
    String market = request.params().containsKey("market") ? market(request.params().getString("market")) : defaultMarket;
    // days are fetched one after another: politeness to the vendor, and the quota sees a steady stream
    List<Map<String, JsonObject>> perDay = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        LocalDate d = day;
        chain = chain.compose(v -> day(market, d).map(bars -> {
          perDay.add(bars);
          return null;
        }));
      }
    }
    return chain.map(done -> {
      List<JsonObject> rows = new ArrayList<>();
      boolean anyTrading = false;
      for (Map<String, JsonObject> bars : perDay) {
        anyTrading |= !bars.isEmpty();
        JsonObject bar = bars.get(request.symbol());
        if (bar != null) {
          rows.add(bar.copy());
        }
      }
      if (rows.isEmpty() && anyTrading) {
        throw SourceFailure.rejected("KRX lists no issue " + request.symbol() + " on this market in the window");
      }
      return rows;
    });
  }

  private Future<Map<String, JsonObject>> day(String market, LocalDate day) {
    return days.computeIfAbsent(market + day, k -> context.http()
        .get(baseUrl + "/svc/apis/sto/" + market + "_bydd_trd", Map.of("basDd", day.format(BASIC)), authHeader())
        .map(response -> {
          if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw SourceFailure.rejected("KRX refused the AUTH_KEY (HTTP " + response.statusCode() + ")");
          }
          if (response.statusCode() != 200) {
            throw SourceFailure.rejected("KRX answered HTTP " + response.statusCode());
          }
          return KrxParser.dailyBars(response.bodyAsString());
        }));
  }

  private Map<String, String> authHeader() {
    String key = context.definition().apiKey();
    return key == null ? Map.of() : Map.of("AUTH_KEY", key);
  }

  @Override
  public Future<List<JsonObject>> tradingTrends(FetchRequest request) {
    String isin = KrxParser.isin(request.symbol());
    Future<String> sell = portal(isin, request, "1");
    Future<String> buy = sell.compose(v -> portal(isin, request, "2"));
    return buy.map(buyBody -> KrxParser.trends(request.symbol(), sell.result(), buyBody));
  }

  private Future<String> portal(String isin, FetchRequest request, String askBid) {
    Map<String, String> form = new HashMap<>();
    form.put("bld", "dbms/MDC/STAT/standard/MDCSTAT02303");
    form.put("locale", "ko_KR");
    form.put("isuCd", isin);
    form.put("strtDd", request.from().format(BASIC));
    form.put("endDd", request.to().format(BASIC));
    form.put("askBid", askBid);
    form.put("trdVolVal", "1");
    form.put("detailView", "1");
    return context.http().postForm(portalUrl + "/comm/bldAttendant/getJsonData.cmd", form,
            Map.of("Referer", portalUrl + "/", "Accept", "application/json"))
        .map(response -> {
          if (response.statusCode() != 200) {
            throw SourceFailure.rejected("the KRX data portal answered HTTP " + response.statusCode());
          }
          return response.bodyAsString();
        });
  }
}
