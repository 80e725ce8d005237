package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.RawContent;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RequestMapper;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/** Analysis (SPEC §9): indicators, expressions, screens and charts, served by the analysis service. */
public final class AnalysisRoutes {
  private AnalysisRoutes() {
  }

  public static List<RouteSpec> rows() {
    return List.of(
        route(HttpMethod.GET, "/analysis/technical/:symbol").permission(Permissions.ANALYSIS_READ)
            .address(AnalysisAddresses.TECHNICAL_QUERY).rawReply(RawContent.ENCODED_DATA)
            .mapper(ctx -> RequestMapper.standard().map(ctx).put(RawContent.ENCODED_REQUEST, true))
            .query("indicators", "start_date", "end_date", "interval", "as_of", "warmup").requiredQuery("indicators")
            .doc("analysis", "Indicators over the symbol's bars, e.g. indicators=sma:20,rsi:14,bollinger:20:2;"
                + " {symbol, interval, dates, indicators:{sma_20:[...], bollinger_20_2:{upper, middle, lower}}}, null"
                + " where there is no value; warmup=auto (default) reads earlier bars so values start at start_date").build(),
        route(HttpMethod.GET, "/analysis/visualization/:symbol").permission(Permissions.ANALYSIS_READ)
            .address(AnalysisAddresses.VISUALIZATION_RENDER).rawReply("image/svg+xml")
            .query("start_date", "end_date", "interval", "indicators", "format", "width", "height", "as_of", "warmup")
            .doc("analysis", "A chart: format=svg (image/svg+xml: candles, volume, overlays, a pane per oscillator) or"
                + " json (candles, volume, overlays, panes)").build(),
        route(HttpMethod.POST, "/analysis/custom").permission(Permissions.ANALYSIS_READ)
            .address(AnalysisAddresses.CUSTOM_EVALUATE).json()
            .doc("analysis", "Expressions over one symbol's bars: {symbol, interval, start_date, end_date, expression |"
                + " expressions:{name: text}} → {dates, values | series}; errors give the position").build(),
        route(HttpMethod.POST, "/analysis/screen").permission(Permissions.ANALYSIS_READ)
            .address(AnalysisAddresses.SCREEN_RUN).json()
            .doc("analysis", "A boolean expression on each symbol's bar at date (default latest) over symbols, a market"
                + " or all: {matches:[{symbol, date, rank}], evaluated, skipped:[{symbol, reason}], elapsed_ms}").build());
  }
}
