package io.ndc.analysis.service;

import io.ndc.contract.Failure;
import io.ndc.contract.storage.BarTailsQuery;
import io.ndc.contract.storage.DataChanged;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage service's bar query and instrument list as the analysis service sees them on the bus, over daily bars
 * held in memory: enough to test warm-up, caching and invalidation without PostgreSQL (the real path is tested in
 * the cluster module).
 */
final class FakeStorage {
  final Map<String, TreeMap<Long, double[]>> bars = new ConcurrentHashMap<>();
  final AtomicInteger queries = new AtomicInteger();
  private final Vertx vertx;

  FakeStorage(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().consumer(StorageAddresses.BARS_QUERY, Handlers.json(this::query)).completion().await();
    vertx.eventBus().consumer(StorageAddresses.BARS_QUERY_MANY, Handlers.typed(BarTailsQuery::fromJson, this::tails))
        .completion().await();
    vertx.eventBus().consumer(StorageAddresses.INSTRUMENTS_LIST, Handlers.json(r -> Future.succeededFuture(new JsonObject()
        .put("items", new JsonArray(bars.keySet().stream().sorted().map(s -> (Object) new JsonObject().put("symbol", s)).toList()))
        .put("pagination", new JsonObject().put("pages", 1))))).completion().await();
  }

  static long day(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** {@code count} weekday bars ending on {@code last}, closes from {@code closes} (cycled). */
  void daily(String symbol, String last, int count, double... closes) {
    TreeMap<Long, double[]> series = bars.computeIfAbsent(symbol, s -> new TreeMap<>());
    LocalDate d = LocalDate.parse(last);
    for (int i = count - 1; i >= 0; d = d.minusDays(1)) {
      if (d.getDayOfWeek().getValue() >= 6) {
        continue;
      }
      double c = closes[i % closes.length] + i * 0.01;
      series.put(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), new double[] {c - 0.5, c + 1, c - 1, c, 1000 + i});
      i--;
    }
  }

  void changed(String symbol, String date) {
    Instant at = Instant.ofEpochMilli(day(date));
    vertx.eventBus().publish(StorageAddresses.DATA_CHANGED, new DataChanged(1, "bars", List.of(symbol), "daily", at, at).toJson());
  }

  final AtomicInteger manyQueries = new AtomicInteger();

  private Future<JsonObject> tails(BarTailsQuery query) {
    manyQueries.incrementAndGet();
    JsonObject out = new JsonObject();
    JsonArray unknown = new JsonArray();
    long end = query.end() == null ? Long.MAX_VALUE : query.end().toEpochMilli();
    for (String symbol : query.symbols()) {
      TreeMap<Long, double[]> series = bars.get(symbol);
      if (series == null) {
        unknown.add(symbol);
        continue;
      }
      List<Map.Entry<Long, double[]>> tail = List.copyOf(series.headMap(end, true).entrySet());
      tail = tail.subList(Math.max(0, tail.size() - query.count()), tail.size());
      JsonArray[] c = {new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray()};
      for (Map.Entry<Long, double[]> e : tail) {
        c[0].add(e.getKey());
        for (int k = 0; k < 5; k++) {
          c[k + 1].add(e.getValue()[k]);
        }
      }
      out.put(symbol, new JsonObject().put("ts", c[0]).put("open", c[1]).put("high", c[2]).put("low", c[3])
          .put("close", c[4]).put("volume", c[5]));
    }
    return Future.succeededFuture(new JsonObject().put("interval", query.interval().id()).put("series", out).put("unknown", unknown));
  }

  private Future<JsonObject> query(JsonObject request) {
    queries.incrementAndGet();
    String symbol = request.getString("symbol");
    TreeMap<Long, double[]> series = bars.get(symbol);
    if (series == null) {
      throw Failure.notFound("no instrument '" + symbol + "'");
    }
    long from = Instant.parse(request.getString("start_date")).toEpochMilli();
    long to = request.getString("end_date") == null ? Long.MAX_VALUE : Instant.parse(request.getString("end_date")).toEpochMilli();
    JsonArray prices = new JsonArray();
    series.subMap(from, true, to, true).forEach((ts, v) -> prices.add(new JsonObject()
        .put("date", LocalDate.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC).toString())
        .put("open", v[0]).put("high", v[1]).put("low", v[2]).put("close", v[3]).put("volume", v[4]).put("change", 0.0)));
    return Future.succeededFuture(new JsonObject().put("symbol", symbol).put("name", symbol + " Inc").put("interval", "daily")
        .put("prices", prices));
  }
}
