package io.ndc.collector.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Collector-internal signal that live collectors changed, so every node's feed manager reconciles at once. */
public final class LiveFeeds {
  /** Published (cluster-wide) after a live collector is created, updated or deleted. */
  public static final String CHANGED = "ndc.collector.internal.feeds.changed";

  private LiveFeeds() {
  }

  public static void changed(Vertx vertx) {
    vertx.eventBus().publish(CHANGED, new JsonObject());
  }

  /** The cluster-wide lock whose holder runs the feed of a live collector. */
  static String lockName(Object collectorId) {
    return "ndc.collector.feed." + collectorId;
  }
}
