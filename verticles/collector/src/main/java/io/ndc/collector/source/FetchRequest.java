package io.ndc.collector.source;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** One symbol's slice of a collection job: the interval and the inclusive date window (exchange-local dates). */
public record FetchRequest(String symbol, String interval, LocalDate from, LocalDate to, JsonObject params) {
}
