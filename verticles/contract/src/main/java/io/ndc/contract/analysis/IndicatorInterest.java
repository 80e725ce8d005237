package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Someone streams {@code indicators} of {@code symbol} at {@code interval}: the analysis node that takes this lease
 * publishes them on {@link AnalysisAddresses#indicator} on every bar update until {@code ttlMs} passes without a
 * renewal. {@code ttlMs} 0 releases the lease.
 *
 * @param indicators canonical: lower case, sorted, without duplicates, so equal sets share one publication
 */
public record IndicatorInterest(BarInterval interval, String symbol, List<String> indicators, long ttlMs) {
  public static final int MAX_INDICATORS = 20;

  public IndicatorInterest {
    symbol = Fields.symbol(symbol);
    indicators = canonical(indicators);
    if (ttlMs < 0) {
      throw Failure.validation("ttl_ms must not be negative");
    }
  }

  /** The canonical form of an indicator list: trimmed, lower case, sorted, distinct; 1..{@value #MAX_INDICATORS}. */
  public static List<String> canonical(List<String> specs) {
    TreeSet<String> set = new TreeSet<>();
    for (String spec : specs) {
      String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
      if (s.isEmpty() || s.contains(",")) {
        throw Failure.validation("indicators must be non-empty names like \"rsi:14\"");
      }
      set.add(s);
    }
    if (set.isEmpty() || set.size() > MAX_INDICATORS) {
      throw Failure.validation("give 1 to " + MAX_INDICATORS + " indicators, e.g. [\"rsi:14\",\"sma:20\"]");
    }
    return List.copyOf(set);
  }

  public String address() {
    return AnalysisAddresses.indicator(interval.id(), symbol, indicators);
  }

  public static IndicatorInterest fromJson(JsonObject json) {
    Object ttl = json.getValue("ttl_ms");
    if (ttl != null && !(ttl instanceof Number)) {
      throw Failure.validation("ttl_ms must be a number");
    }
    return new IndicatorInterest(BarInterval.parse(Fields.requiredText(json, "interval")), Fields.requiredText(json, "symbol"),
        Fields.list(json, "indicators"), ttl == null ? 30_000 : ((Number) ttl).longValue());
  }

  public JsonObject toJson() {
    return new JsonObject().put("interval", interval.id()).put("symbol", symbol)
        .put("indicators", new JsonArray(indicators)).put("ttl_ms", ttlMs);
  }
}
