package io.ndc.contract.storage;

import io.ndc.contract.BarInterval;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The reply of {@code ndc.storage.bars.last}: {@code last} is the newest stored bar time as replies write it
 * ({@code YYYY-MM-DD} for daily, an ISO instant intraday), null when the symbol has no bars at that interval.
 */
public record LastBar(String symbol, BarInterval interval, Instant last) {

  public static LastBar fromJson(JsonObject json) {
    BarInterval interval = BarInterval.parse(json.getString("interval"));
    String last = json.getString("last");
    return new LastBar(json.getString("symbol"), interval, last == null ? null
        : interval.intraday() ? Instant.parse(last) : LocalDate.parse(last).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  public JsonObject toJson() {
    return new JsonObject().put("symbol", symbol).put("interval", interval.id())
        .put("last", last == null ? null : interval.format(last.toEpochMilli()));
  }

  /** The UTC date of the last bar, null without one. */
  public LocalDate lastDate() {
    return last == null ? null : LocalDate.ofInstant(last, ZoneOffset.UTC);
  }
}
