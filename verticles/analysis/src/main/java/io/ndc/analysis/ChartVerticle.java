package io.ndc.analysis;

import io.ndc.analysis.chart.Chart;
import io.ndc.analysis.chart.SvgChart;
import io.ndc.analysis.series.SeriesStore;
import io.ndc.analysis.technical.IndicatorSet;
import io.ndc.contract.RawContent;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.ChartQuery;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * {@code ndc.analysis.visualization.render}: a chart of one symbol's bars with indicators, as the chart JSON or SVG
 * ({@link RawContent} {@code image/svg+xml}), cached by data version like the other answers.
 */
public final class ChartVerticle extends QueryVerticle {
  public static final String SVG = "image/svg+xml";

  public ChartVerticle(SeriesStore store) {
    super(store, AnalysisAddresses.VISUALIZATION_RENDER);
  }

  @Override
  protected Handler<Message<JsonObject>> handler() {
    return Handlers.typed(ChartQuery::fromJson, this::render);
  }

  private Future<JsonObject> render(ChartQuery query) {
    IndicatorSet set = IndicatorSet.parse(query.indicators(), settings.maxIndicators());
    return answered("chart", query.range(), query.toJson(), set.lookback(), set.specs().size() + 2, window -> {
      Chart chart = Chart.of(query.range().symbol(), query.range().interval(), set, window);
      return query.svg() ? new RawContent(SVG, SvgChart.render(chart, query.width(), query.height())).toJson()
          : chart.toJson();
    });
  }
}
