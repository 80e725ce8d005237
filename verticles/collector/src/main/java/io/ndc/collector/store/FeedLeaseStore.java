package io.ndc.collector.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Table {@code feed_leases}: the database's word on which node runs a live feed. Times are the database's
 * ({@code now()}), so nodes' clocks do not matter.
 */
public final class FeedLeaseStore {
  private final Pool pg;

  public FeedLeaseStore(Pool pg) {
    this.pg = pg;
  }

  /**
   * The outcome of {@link #acquire}: whether the lease is ours now, and when it was taken over from another node
   * whose lease had expired (that node died or was cut off), the instant that node last renewed it: trades from then
   * on may not have been stored.
   */
  public record Acquired(boolean acquired, Instant previousOwnerLastSeen) {
  }

  /** Takes the lease when it is free, expired or already ours. */
  public Future<Acquired> acquire(UUID collectorId, String node, long ttlMs) {
    // the CTE reads the row as it was before this statement, so the previous owner and expiry come back with the new row
    return pg.preparedQuery("WITH previous AS (SELECT node, expires_at FROM feed_leases WHERE collector_id = $1) "
            + "INSERT INTO feed_leases (collector_id, node, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond') "
            + "ON CONFLICT (collector_id) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at "
            + "WHERE feed_leases.expires_at < now() OR feed_leases.node = excluded.node "
            + "RETURNING (SELECT node FROM previous) AS previous_node, (SELECT expires_at FROM previous) AS previous_expires_at")
        .execute(Tuple.of(collectorId, node, ttlMs))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return new Acquired(false, null);
          }
          Row row = rows.iterator().next();
          String previousNode = row.getString("previous_node");
          OffsetDateTime previousExpiry = row.getOffsetDateTime("previous_expires_at");
          boolean takenOver = previousNode != null && !previousNode.equals(node);
          return new Acquired(true, takenOver ? previousExpiry.toInstant().minusMillis(ttlMs) : null);
        });
  }

  /** Extends our lease; false when it is no longer ours (it expired and another node took it). */
  public Future<Boolean> renew(UUID collectorId, String node, long ttlMs) {
    return pg.preparedQuery("UPDATE feed_leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE collector_id = $1 AND node = $2")
        .execute(Tuple.of(collectorId, node, ttlMs))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> release(UUID collectorId, String node) {
    return pg.preparedQuery("DELETE FROM feed_leases WHERE collector_id = $1 AND node = $2").execute(Tuple.of(collectorId, node)).mapEmpty();
  }
}
