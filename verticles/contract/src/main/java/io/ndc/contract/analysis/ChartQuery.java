package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code GET /analysis/visualization/{symbol}}: the bars of {@code range} as candles and volume, with indicators
 * (possibly none) drawn as overlays on the price panel or as panes of their own.
 *
 * @param svg {@code format=svg} (an {@code image/svg+xml} reply); otherwise the chart JSON ({@code format=json}, the default)
 */
public record ChartQuery(SeriesRange range, List<String> indicators, boolean svg, int width, int height) {
  public static final int DEFAULT_WIDTH = 960;
  public static final int DEFAULT_HEIGHT = 540;

  public ChartQuery {
    indicators = List.copyOf(indicators);
  }

  public static ChartQuery fromJson(JsonObject json) {
    String format = Fields.text(json, "format");
    if (format != null && !format.equals("svg") && !format.equals("json")) {
      throw Failure.validation("format must be svg or json (got '" + format + "')");
    }
    return new ChartQuery(SeriesRange.fromJson(json), Fields.list(json, "indicators"), "svg".equals(format),
        Fields.integer(json, "width", DEFAULT_WIDTH, 200, 4000), Fields.integer(json, "height", DEFAULT_HEIGHT, 150, 4000));
  }

  public JsonObject toJson() {
    return range.into(new JsonObject().put("indicators", new JsonArray(indicators)).put("format", svg ? "svg" : "json")
        .put("width", width).put("height", height));
  }
}
