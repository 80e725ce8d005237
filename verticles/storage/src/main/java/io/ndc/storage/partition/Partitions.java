package io.ndc.storage.partition;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Knows which time partitions exist and creates missing ones through the schema's {@code ensure_partitions}
 * function. Names computed here follow the SQL function {@code partition_bounds}: yearly partitions for daily bars
 * and trends, daily ones for intraday bars and trades. Known names are cached per node so a batch into existing
 * partitions costs no round trip.
 */
public final class Partitions {
  private static final Set<String> YEARLY = Set.of("bars_daily", "trading_trends");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final Pool pg;
  private final LocalMap<String, Boolean> known;

  public Partitions(Vertx vertx, Pool pg, String database) {
    this.pg = pg;
    this.known = vertx.sharedData().getLocalMap("ndc.storage.partitions." + database);
  }

  /** Makes sure every partition of {@code parent} covering [from, to] exists. */
  public Future<Void> ensure(String parent, Instant from, Instant to) {
    List<String> names = names(parent, from, to);
    if (names.stream().allMatch(known::containsKey)) {
      return Future.succeededFuture();
    }
    return pg.preparedQuery("SELECT ensure_partitions($1, $2, $3) AS name")
        .execute(Tuple.of(parent, OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC)))
        .map(rows -> {
          for (Row row : rows) {
            known.put(row.getString("name"), Boolean.TRUE);
          }
          return null;
        });
  }

  /** Forgets partitions that were dropped (or when an insert found one missing), so they are created again. */
  public void forget(Iterable<String> names) {
    names.forEach(known::remove);
  }

  public void forgetAll() {
    known.clear();
  }

  static List<String> names(String parent, Instant from, Instant to) {
    List<String> names = new ArrayList<>();
    LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    if (YEARLY.contains(parent)) {
      for (int year = day.getYear(); year <= last.getYear(); year++) {
        names.add(parent + "_y" + year);
      }
      return names;
    }
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      names.add(parent + "_d" + DAY.format(day));
    }
    return names;
  }
}
