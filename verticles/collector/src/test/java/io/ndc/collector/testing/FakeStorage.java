package io.ndc.collector.testing;

import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands on storage's ingest addresses ONLY to observe what the collector sends (the module rule keeps the real
 * storage service out of collector tests): records each request and answers as storage does after a commit.
 */
public final class FakeStorage {
  private final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
  private final Map<String, String> last = new ConcurrentHashMap<>();
  private final Map<String, Integer> barFailures = new ConcurrentHashMap<>();

  public Future<Void> register(Vertx vertx) {
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.BARS_INGEST, m -> {
          String symbol = m.body().getJsonArray("rows").getJsonObject(0).getString("symbol");
          if (barFailures.computeIfPresent(symbol, (k, n) -> n - 1) != null && barFailures.get(symbol) >= 0) {
            m.fail(503, new JsonObject().put("code", "SERVICE_UNAVAILABLE").put("message", "storage is restarting").encode());
          } else {
            m.reply(record(StorageAddresses.BARS_INGEST, m.body(), "rows"));
          }
        }).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.TRADES_INGEST, m -> m.reply(record(StorageAddresses.TRADES_INGEST, m.body(), "trades"))).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.TRENDS_INGEST, m -> m.reply(record(StorageAddresses.TRENDS_INGEST, m.body(), "rows"))).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.FINANCIALS_INGEST,
            m -> m.reply(record(StorageAddresses.FINANCIALS_INGEST, m.body(), "rows"))).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.INSTRUMENTS_UPSERT,
            m -> m.reply(record(StorageAddresses.INSTRUMENTS_UPSERT, m.body(), "instruments"))).completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.BARS_LAST, m -> {
          String key = m.body().getString("symbol") + "/" + m.body().getString("interval");
          m.reply(m.body().copy().put("last", last.get(key)));
        }).completion()).mapEmpty();
  }

  private JsonObject record(String address, JsonObject body, String rowsField) {
    received.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(body);
    int rows = body.getJsonArray(rowsField).size();
    return new JsonObject().put("batch_id", UUID.randomUUID().toString()).put("accepted", rows).put("unchanged", 0).put("revised", 0).put("rejected", 0);
  }

  /** The next {@code count} bar batches of {@code symbol} fail as an unavailable storage would. */
  public void failBarBatches(String symbol, int count) {
    barFailures.put(symbol, count);
  }

  public void lastStored(String symbol, String interval, String value) {
    last.put(symbol + "/" + interval, value);
  }

  public List<JsonObject> requests(String address) {
    return List.copyOf(received.getOrDefault(address, List.of()));
  }

  /** Every row sent to an address for a symbol. */
  public List<JsonObject> rows(String address, String symbol) {
    String field = address.equals(StorageAddresses.TRADES_INGEST) ? "trades"
        : address.equals(StorageAddresses.INSTRUMENTS_UPSERT) ? "instruments" : "rows";
    return requests(address).stream()
        .flatMap(body -> body.getJsonArray(field).stream().map(JsonObject.class::cast))
        .filter(row -> symbol.equals(row.getString("symbol")))
        .toList();
  }
}
