package io.ndc.collector.store;

import io.vertx.core.json.JsonObject;

/** Storage's answer to an ingest: {@code accepted}, {@code unchanged}, {@code revised}, {@code rejected}. */
public record RowCounts(long accepted, long unchanged, long revised, long rejected) {
  public static final RowCounts NONE = new RowCounts(0, 0, 0, 0);

  public static RowCounts fromReply(JsonObject reply) {
    return new RowCounts(reply.getLong("accepted", 0L), reply.getLong("unchanged", 0L), reply.getLong("revised", 0L),
        reply.getLong("rejected", 0L));
  }

  public RowCounts plus(RowCounts other) {
    return new RowCounts(accepted + other.accepted, unchanged + other.unchanged, revised + other.revised, rejected + other.rejected);
  }

  public JsonObject toJson() {
    return new JsonObject().put("accepted", accepted).put("unchanged", unchanged).put("revised", revised).put("rejected", rejected);
  }
}
