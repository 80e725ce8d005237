package io.ndc.analysis;

import io.ndc.analysis.series.SeriesStore;
import io.ndc.analysis.series.Window;
import io.ndc.analysis.technical.IndicatorSet;
import io.ndc.contract.RawContent;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.TechnicalQuery;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** {@code ndc.analysis.technical.query}: indicators over one symbol's bars (SPEC §9), cached by data version. */
public final class TechnicalQueryVerticle extends QueryVerticle {

  public TechnicalQueryVerticle(SeriesStore store) {
    super(store, AnalysisAddresses.TECHNICAL_QUERY);
  }

  @Override
  protected Handler<Message<JsonObject>> handler() {
    return Handlers.json(this::query);
  }

  /** Callers that accept it ({@link RawContent#ENCODED_REQUEST}: the gateway) get the cached JSON text as it is. */
  private Future<JsonObject> query(JsonObject request) {
    TechnicalQuery query = TechnicalQuery.fromJson(request);
    IndicatorSet set = IndicatorSet.parse(query.indicators(), settings.maxIndicators());
    Future<String> text = answeredText("technical", query.range(), query.toJson(), set.lookback(), set.specs().size(),
        window -> answer(query, set, window));
    return request.getBoolean(RawContent.ENCODED_REQUEST, false)
        ? text.map(json -> RawContent.encodedData(json).toJson()) : text.map(JsonObject::new);
  }

  static JsonObject answer(TechnicalQuery query, IndicatorSet set, Window window) {
    return new JsonObject().put("symbol", query.range().symbol()).put("interval", query.range().interval().id())
        .put("dates", window.dates()).put("indicators", IndicatorSet.toJson(set.compute(window)));
  }
}
