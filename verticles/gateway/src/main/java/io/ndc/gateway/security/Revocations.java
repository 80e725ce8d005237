package io.ndc.gateway.security;

import io.ndc.contract.auth.AuthAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations the auth service publishes ({@link AuthAddresses#TOKENS_REVOKED}): a session ({@code sid:<id>})
 * or a user ({@code user:<id>}) whose tokens issued before an instant no longer count. The list is loaded once with
 * the first key set ({@link AuthAddresses#REVOCATIONS_LIST}) and kept until each entry's own end.
 */
final class Revocations {
  /** revocation key → [before_ms, until epoch s] */
  private final Map<String, long[]> entries = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final long busTimeoutMs;
  private volatile boolean loaded;

  Revocations(Vertx vertx, long busTimeoutMs) {
    this.vertx = vertx;
    this.busTimeoutMs = busTimeoutMs;
  }

  Future<Void> listen() {
    return vertx.eventBus().<JsonObject>consumer(AuthAddresses.TOKENS_REVOKED, m -> apply(m.body())).completion();
  }

  /** Loads the current list unless it was loaded before. */
  Future<Void> loadOnce() {
    if (loaded) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(AuthAddresses.REVOCATIONS_LIST, new JsonObject(),
            new DeliveryOptions().setSendTimeout(busTimeoutMs))
        .map(m -> {
          m.body().getJsonArray("revocations", new JsonArray()).forEach(r -> apply((JsonObject) r));
          loaded = true;
          return (Void) null;
        });
  }

  /** Whether a token of {@code subject} (and {@code sessionId}, when it has one) issued at {@code issuedMs} is revoked. */
  boolean revoked(String subject, String sessionId, long issuedMs) {
    return revoked("user:" + subject, issuedMs) || (sessionId != null && revoked("sid:" + sessionId, issuedMs));
  }

  private boolean revoked(String key, long issuedMs) {
    long[] entry = entries.get(key);
    return entry != null && issuedMs <= entry[0];
  }

  private void apply(JsonObject r) {
    entries.merge(r.getString("key"), new long[] {r.getLong("before_ms"), r.getLong("until")},
        (old, now) -> now[0] >= old[0] ? now : old);
  }

  void forgetExpired(long nowSeconds) {
    entries.values().removeIf(entry -> entry[1] < nowSeconds);
  }
}
