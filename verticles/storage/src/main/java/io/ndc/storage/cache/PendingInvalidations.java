package io.ndc.storage.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Invalidations Redis refused, kept in a node-wide local map (shared by every storage verticle of the node, JSON by
 * id) until one retry reaches Redis. Beyond {@value #MAX_PENDING} they are merged into one that drops every entry of
 * their symbols, so an outage under steady ingest costs memory bounded by the number of symbols.
 */
final class PendingInvalidations {
  static final int MAX_PENDING = 100;

  private final LocalMap<String, String> pending;

  PendingInvalidations(Vertx vertx, String prefix) {
    this.pending = vertx.sharedData().getLocalMap("ndc.storage.cache.pending." + prefix);
  }

  void keep(Invalidation change) {
    pending.put(UUID.randomUUID().toString(), change.toJson().encode());
    if (pending.size() > MAX_PENDING) {
      merge();
    }
  }

  /** Retries every kept invalidation with {@code delete}; each one that succeeds is dropped. */
  Future<Void> retry(Function<Invalidation, Future<Void>> delete) {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> retried = new ArrayList<>();
    for (String id : List.copyOf(pending.keySet())) {
      String change = pending.get(id);
      if (change != null) {
        retried.add(delete.apply(Invalidation.fromJson(new JsonObject(change))).onSuccess(v -> pending.remove(id)));
      }
    }
    return Future.all(retried).mapEmpty();
  }

  /** Each is taken out by its own remove, so one kept meanwhile by another verticle of this node is never lost. */
  private void merge() {
    Set<String> symbols = new TreeSet<>();
    for (String id : List.copyOf(pending.keySet())) {
      String change = pending.remove(id);
      if (change != null) {
        symbols.addAll(Invalidation.fromJson(new JsonObject(change)).symbols());
      }
    }
    pending.put(UUID.randomUUID().toString(), Invalidation.everything(symbols).toJson().encode());
  }
}
