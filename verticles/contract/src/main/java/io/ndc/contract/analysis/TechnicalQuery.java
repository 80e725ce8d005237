package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code GET /analysis/technical/{symbol}}: the bars of {@code range} and the indicators asked for, each written
 * {@code name:param:param} (SPEC §9). Which names and parameters exist is the analysis service's to check.
 */
public record TechnicalQuery(SeriesRange range, List<String> indicators) {

  public TechnicalQuery {
    indicators = List.copyOf(indicators);
    if (indicators.isEmpty()) {
      throw Failure.validation("indicators is required, e.g. indicators=sma:20,rsi:14");
    }
  }

  public static TechnicalQuery fromJson(JsonObject json) {
    return new TechnicalQuery(SeriesRange.fromJson(json), Fields.list(json, "indicators"));
  }

  public JsonObject toJson() {
    return range.into(new JsonObject().put("indicators", new JsonArray(indicators)));
  }
}
