package io.ndc.collector.api;

import io.ndc.contract.Fields;
import io.ndc.collector.source.Adapters;
import io.ndc.collector.source.SourceDefinition;
import io.ndc.collector.source.SourceHttp;
import io.ndc.collector.source.SourceQuota;
import io.ndc.collector.source.SourceStatus;
import io.ndc.collector.source.TokenBucket;
import io.ndc.contract.Page;
import io.ndc.collector.store.SourceStore;
import io.ndc.platform.health.Breakers;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code GET,POST /sources}: registration validates by building the adapter; listings add live status, never keys. */
final class SourceApi {
  private static final Set<String> FIELDS = Set.of("id", "type", "base_url", "api_key", "quota_per_minute", "quota_burst", "params");

  private final Vertx vertx;
  private final SourceStore store;
  private final Adapters adapters;

  SourceApi(Vertx vertx, SourceStore store, Adapters adapters) {
    this.vertx = vertx;
    this.store = store;
    this.adapters = adapters;
  }

  /** Reads a registration body: type-specific settings may sit at the top level (as in SPEC §8) or under "params". */
  static SourceDefinition definition(JsonObject body) {
    String id = Fields.string(body, "id");
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException("id is required: 1-64 letters, digits, '_', '.', '-'");
    }
    String type = Fields.string(body, "type");
    if (type == null) {
      throw new IllegalArgumentException("type is required");
    }
    int quota = wholeNumber(body, "quota_per_minute", 60);
    if (quota < 1) {
      throw new IllegalArgumentException("quota_per_minute must be at least 1");
    }
    int burst = wholeNumber(body, "quota_burst", TokenBucket.defaultCapacity(quota));
    if (burst < 1) {
      throw new IllegalArgumentException("quota_burst must be at least 1");
    }
    JsonObject params = body.getJsonObject("params", new JsonObject()).copy();
    body.forEach(e -> {
      if (!FIELDS.contains(e.getKey())) {
        params.put(e.getKey(), e.getValue());
      }
    });
    return new SourceDefinition(id, type, Fields.string(body, "base_url"), Fields.string(body, "api_key"), quota, burst,
        params);
  }

  Future<JsonObject> create(JsonObject body) {
    SourceDefinition definition = definition(body);
    adapters.adapter(definition); // validates type and settings; throws IllegalArgumentException with the reason
    return store.insert(definition, false).compose(row -> withStatus(SourceStore.toJson(row)));
  }

  Future<JsonObject> list(JsonObject body) {
    return store.list(Page.fromJson(body)).compose(page -> {
      List<Future<JsonObject>> items = new ArrayList<>();
      page.getJsonArray("items").forEach(o -> items.add(withStatus((JsonObject) o)));
      return Future.all(items).map(all -> page.put("items", new JsonArray(all.list())));
    });
  }

  /** Freshness, reconnects, quota use and breaker state, from the table (the feed owner's reports) and this node. */
  private Future<JsonObject> withStatus(JsonObject source) {
    String id = source.getString("id");
    SourceStatus local = SourceStatus.of(id);
    long stored = source.getString("last_message_at") == null ? 0 : Instant.parse(source.getString("last_message_at")).toEpochMilli();
    long last = Math.max(stored, local.lastMessageMillis());
    CircuitBreakerState breaker = Breakers.states(vertx).getOrDefault(SourceHttp.breakerName(id), CircuitBreakerState.CLOSED);
    SourceQuota quota = new SourceQuota(vertx, id, source.getInteger("quota_per_minute"), source.getInteger("quota_burst"));
    return quota.state().map(state -> source
        .put("last_message_at", last == 0 ? null : Instant.ofEpochMilli(last).toString())
        .put("freshness_s", last == 0 ? null : (System.currentTimeMillis() - last) / 1000.0)
        .put("reconnects", Math.max(source.getLong("reconnects", 0L), local.reconnects()))
        .put("quota", state)
        .put("breaker", breaker.name().toLowerCase()));
  }

  private static int wholeNumber(JsonObject body, String field, int absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException(field + " must be a whole number, not " + value);
  }
}
