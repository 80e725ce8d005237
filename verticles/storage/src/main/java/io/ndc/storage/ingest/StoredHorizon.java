package io.ndc.storage.ingest;

import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.Interval;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest bar time per symbol and interval that this writer has committed itself. A batch entirely beyond it is
 * very likely all new keys, which lets {@link BarWriter} insert without looking each key up first. It is a hint, never
 * a promise: rows written by another node or before this node started are not in it, and the primary key still
 * refuses a duplicate (the writer then takes the probing path). Confined to its writer's event loop.
 */
final class StoredHorizon {
  private final Map<Interval, Map<String, Instant>> newest = new EnumMap<>(Interval.class);

  /**
   * Whether every row is newer than the horizon of its symbol; false for a symbol never written here. {@code rows}
   * are ordered by symbol, then time, so only each symbol's first (oldest) row needs a look.
   */
  boolean allBeyond(Interval interval, List<BarRow> rows) {
    Map<String, Instant> bySymbol = newest.getOrDefault(interval, Map.of());
    for (int i = 0; i < rows.size(); i++) {
      BarRow row = rows.get(i);
      if (i == 0 || !row.symbol().equals(rows.get(i - 1).symbol())) {
        Instant horizon = bySymbol.get(row.symbol());
        if (horizon == null || !row.ts().isAfter(horizon)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Records committed {@code rows}, ordered by symbol, then time: each symbol's last row is its newest. */
  void record(Interval interval, List<BarRow> rows) {
    Map<String, Instant> bySymbol = newest.computeIfAbsent(interval, i -> new HashMap<>());
    for (int i = 0; i < rows.size(); i++) {
      BarRow row = rows.get(i);
      if (i == rows.size() - 1 || !row.symbol().equals(rows.get(i + 1).symbol())) {
        bySymbol.merge(row.symbol(), row.ts(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
  }
}
