package io.ndc.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps every near cache of the cluster in step with changes: a change evicts its symbols here at once and, after
 * the Redis keys are gone, on every storage verticle of the cluster through the publication {@value #EVICTED}
 * (a near-cache load that read the old keys before is dropped by that second eviction).
 */
final class NearEvictions {
  /** Storage-internal publication: {@code {"symbols":[...]}} whose near-cache entries every storage verticle drops. */
  static final String EVICTED = "ndc.storage.cache.evicted";

  private final Vertx vertx;
  private final CacheKeys keys;
  private final NearCache near;
  private final boolean publish;
  private final MessageConsumer<JsonObject> consumer;

  /**
   * @param near this verticle's near cache, null when it keeps none
   * @param publish whether near caches exist in the cluster at all (a near TTL of 0 turns them off everywhere)
   */
  NearEvictions(Vertx vertx, CacheKeys keys, NearCache near, boolean publish) {
    this.vertx = vertx;
    this.keys = keys;
    this.near = near;
    this.publish = publish;
    this.consumer = near == null ? null : vertx.eventBus().<JsonObject>consumer(EVICTED, message ->
        evictHere(message.body().getJsonArray("symbols").stream().map(Object::toString).toList()));
  }

  void evictHere(Collection<String> symbols) {
    if (near == null) {
      return;
    }
    List<String> doomed = new ArrayList<>(symbols.size() * 2);
    for (String symbol : symbols) {
      doomed.add(keys.latest(symbol));
      doomed.add(keys.instrument(symbol));
    }
    near.evict(symbols, doomed);
  }

  void evictEverywhere(Collection<String> symbols) {
    if (publish && !symbols.isEmpty()) {
      vertx.eventBus().publish(EVICTED, new JsonObject().put("symbols", new JsonArray(List.copyOf(symbols))));
    }
  }

  Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
