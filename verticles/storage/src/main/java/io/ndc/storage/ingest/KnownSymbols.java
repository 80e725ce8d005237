package io.ndc.storage.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.util.Collection;

/**
 * Symbols this node has seen stored as instruments, so a batch only asks PostgreSQL to create the ones it may not
 * know. Instruments are never deleted, so a remembered symbol stays true.
 */
public final class KnownSymbols {
  private final LocalMap<String, Boolean> known;

  public KnownSymbols(Vertx vertx, String database) {
    this.known = vertx.sharedData().getLocalMap("ndc.storage.instruments." + database);
  }

  public String[] unknown(Collection<String> symbols) {
    return symbols.stream().filter(s -> !known.containsKey(s)).sorted().toArray(String[]::new);
  }

  public void remember(String[] symbols) {
    for (String symbol : symbols) {
      known.put(symbol, Boolean.TRUE);
    }
  }
}
