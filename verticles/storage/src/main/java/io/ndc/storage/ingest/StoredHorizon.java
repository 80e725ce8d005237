package io.ndc.storage.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The newest time per symbol that one writer has committed itself, per scope (a bar interval, a series table). A
 * batch entirely beyond it is very likely all new keys, which lets the writer insert without looking each key up
 * first; so is a batch of a symbol the writer never wrote (loading a new symbol's history, the commonest first
 * write). It is a hint, never a promise: rows written by another node or before this node started are not in it, and
 * the primary key still refuses a duplicate (the writer then takes its probing path, and records the symbol's
 * horizon, so that symbol is probed directly from then on). Rows of one symbol often come
 * together (bars are sorted by symbol), so a symbol is looked up once per run of its rows. Confined to its writer's
 * event loop.
 */
public final class StoredHorizon<T> {
  private final Function<T, String> symbolOf;
  private final Function<T, Instant> timeOf;
  private final boolean sameTimeMayBeNew;
  private final Map<String, Map<String, Instant>> newest = new HashMap<>();

  /**
   * {@code sameTimeMayBeNew}: whether a row at exactly the horizon's time can be a new key (trades: another sequence
   * number in the same instant, common where a batch boundary splits a burst); false where time and symbol are the
   * key (bars).
   */
  public StoredHorizon(Function<T, String> symbolOf, Function<T, Instant> timeOf, boolean sameTimeMayBeNew) {
    this.symbolOf = symbolOf;
    this.timeOf = timeOf;
    this.sameTimeMayBeNew = sameTimeMayBeNew;
  }

  /** Whether every row is newer than the horizon of its symbol in {@code scope}, or of a symbol never written. */
  public boolean allBeyond(String scope, List<T> rows) {
    if (rows.isEmpty()) {
      return false;
    }
    Map<String, Instant> bySymbol = newest.getOrDefault(scope, Map.of());
    String symbol = null;
    Instant horizon = null;
    for (T row : rows) {
      if (!symbolOf.apply(row).equals(symbol)) {
        symbol = symbolOf.apply(row);
        horizon = bySymbol.get(symbol);
      }
      Instant time = timeOf.apply(row);
      if (horizon != null && (time.isBefore(horizon) || time.equals(horizon) && !sameTimeMayBeNew)) {
        return false;
      }
    }
    return true;
  }

  /** Records committed {@code rows}: each symbol's horizon moves to its newest row. */
  public void record(String scope, List<T> rows) {
    Map<String, Instant> bySymbol = newest.computeIfAbsent(scope, s -> new HashMap<>());
    String symbol = null;
    Instant runMax = null;
    for (T row : rows) {
      if (!symbolOf.apply(row).equals(symbol)) {
        merge(bySymbol, symbol, runMax);
        symbol = symbolOf.apply(row);
        runMax = null;
      }
      Instant time = timeOf.apply(row);
      runMax = runMax == null || time.isAfter(runMax) ? time : runMax;
    }
    merge(bySymbol, symbol, runMax);
  }

  private static void merge(Map<String, Instant> bySymbol, String symbol, Instant time) {
    if (symbol != null) {
      bySymbol.merge(symbol, time, (a, b) -> a.isAfter(b) ? a : b);
    }
  }
}
