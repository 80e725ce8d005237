package io.ndc.storage.cache;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest answers per symbol (instrument with latest price, latest quote) in this verticle's memory, in front of
 * Redis: a hot symbol read thousands of times a second costs no Redis round trip. Entries live at most {@code ttlMs}
 * (a bound on staleness should an eviction message be lost) and the least recently used go beyond {@code
 * maxEntries}. Evictions come from every committed change on any node ({@link MarketCache#invalidate}); a load that
 * was in flight while its symbol was evicted is not kept, because each symbol's generation moves on eviction and a
 * load is stored only under the generation it started in. Confined to its verticle's event loop.
 */
final class NearCache {
  private record Entry(JsonObject value, long expiresAt) {
  }

  private final long ttlMs;
  private final Map<String, Entry> entries;
  private final Map<String, Long> generations = new HashMap<>();

  NearCache(long ttlMs, int maxEntries) {
    this.ttlMs = ttlMs;
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** A copy of the live entry for {@code key}, or null. */
  JsonObject get(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (System.currentTimeMillis() >= entry.expiresAt()) {
      entries.remove(key);
      return null;
    }
    return entry.value().copy();
  }

  /** The generation a load of {@code symbol} starts in; pass it to {@link #put}. */
  long generation(String symbol) {
    return generations.getOrDefault(symbol, 0L);
  }

  void put(String symbol, String key, JsonObject value, long generation) {
    if (value != null && generation == generation(symbol)) {
      entries.put(key, new Entry(value.copy(), System.currentTimeMillis() + ttlMs));
    }
  }

  /** Drops {@code keys} (the entries of {@code symbols}) and makes loads of those symbols in flight not count. */
  void evict(Collection<String> symbols, Collection<String> keys) {
    for (String symbol : symbols) {
      generations.merge(symbol, 1L, Long::sum);
    }
    keys.forEach(entries::remove);
  }
}
