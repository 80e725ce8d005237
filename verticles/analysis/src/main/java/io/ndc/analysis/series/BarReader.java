package io.ndc.analysis.series;

import io.ndc.analysis.indicators.Bars;
import io.ndc.contract.BarInterval;
import io.ndc.contract.storage.BarTailsQuery;
import io.ndc.contract.storage.PriceQuery;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads bars from the storage service over the bus: one symbol's range ({@code ndc.storage.bars.query}) or the last
 * bars of many symbols ({@code ndc.storage.bars.query_many}); nothing else.
 */
public final class BarReader {
  private final EventBus bus;
  private final long timeoutMs;

  public BarReader(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  /** Bars from {@code from} to {@code to} (inclusive; null: open end), as known at {@code asOf} when given. */
  public Future<LoadedSeries> read(String symbol, BarInterval interval, Instant from, Instant to, String asOf) {
    JsonObject request = new PriceQuery(symbol, interval, from.toString(), to == null ? null : to.toString(), asOf)
        .toJson();
    return bus.<JsonObject>request(StorageAddresses.BARS_QUERY, request, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> toSeries(symbol, interval, reply.body()));
  }

  /** The last bars of each symbol the query names; a symbol that is no instrument is absent from the map. */
  public Future<Map<String, LoadedSeries>> tails(BarTailsQuery query) {
    return bus.<JsonObject>request(StorageAddresses.BARS_QUERY_MANY, query.toJson(), new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> {
          JsonObject series = reply.body().getJsonObject("series", new JsonObject());
          Map<String, LoadedSeries> out = new HashMap<>();
          series.forEach(e -> out.put(e.getKey(), columns(e.getKey(), query.interval(), (JsonObject) e.getValue())));
          return out;
        });
  }

  private static LoadedSeries columns(String symbol, BarInterval interval, JsonObject c) {
    JsonArray times = c.getJsonArray("ts");
    long[] ts = new long[times.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = times.getLong(i);
    }
    return LoadedSeries.of(symbol, null, interval, new Bars(ts, doubles(c.getJsonArray("open")),
        doubles(c.getJsonArray("high")), doubles(c.getJsonArray("low")), doubles(c.getJsonArray("close")),
        doubles(c.getJsonArray("volume"))));
  }

  private static double[] doubles(JsonArray values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      Number n = (Number) values.getValue(i);
      out[i] = n == null ? Double.NaN : n.doubleValue();
    }
    return out;
  }

  static LoadedSeries toSeries(String symbol, BarInterval interval, JsonObject reply) {
    JsonArray prices = reply.getJsonArray("prices", new JsonArray());
    int n = prices.size();
    long[] ts = new long[n];
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    for (int i = 0; i < n; i++) {
      JsonObject p = prices.getJsonObject(i);
      String date = p.getString("date");
      ts[i] = date != null ? LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
          : Instant.parse(p.getString("ts")).toEpochMilli();
      open[i] = number(p, "open");
      high[i] = number(p, "high");
      low[i] = number(p, "low");
      close[i] = number(p, "close");
      volume[i] = number(p, "volume");
    }
    return LoadedSeries.of(symbol, reply.getString("name"), interval, new Bars(ts, open, high, low, close, volume));
  }

  private static double number(JsonObject price, String field) {
    Number value = price.getNumber(field);
    return value == null ? Double.NaN : value.doubleValue();
  }
}
