package io.ndc.collector.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
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

  /** Takes the lease when it is free, expired or already ours. */
  public Future<Boolean> acquire(UUID collectorId, String node, long ttlMs) {
    return pg.preparedQuery("INSERT INTO feed_leases (collector_id, node, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond') "
            + "ON CONFLICT (collector_id) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at "
            + "WHERE feed_leases.expires_at < now() OR feed_leases.node = excluded.node RETURNING node")
        .execute(Tuple.of(collectorId, node, ttlMs))
        .map(rows -> rows.rowCount() > 0);
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
