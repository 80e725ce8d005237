package io.ndc.storage;

import static io.ndc.storage.StorageHarness.bar;
import static io.ndc.storage.StorageHarness.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.storage.partition.PartitionMaintenanceVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Time partitions: created ahead and on demand, dropped after the intraday retention, pruned by queries. */
class PartitionTest {
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("bars_parts", new JsonObject().put("storage", new JsonObject()
        .put("intraday_retention_days", 3).put("partitions", new JsonObject().put("days_ahead", 4))));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static List<String> partitions(String parent) {
    return storage.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " WHERE i.inhparent = 'market." + parent + "'::regclass ORDER BY 1").stream()
        .map(r -> r.getString("relname")).toList();
  }

  @Test
  void maintenanceCreatesPartitionsAheadAndDropsIntradayOnesPastTheRetention() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd");
    assertThat(partitions("bars_1m")).contains("bars_1m_d" + day.format(today), "bars_1m_d" + day.format(today.plusDays(4)));
    assertThat(partitions("trades")).contains("trades_d" + day.format(today.plusDays(4)));
    assertThat(partitions("bars_daily")).contains("bars_daily_y" + today.getYear(), "bars_daily_y" + (today.getYear() + 1));

    storage.sql("SELECT ensure_partitions('bars_1m', now() - interval '10 days', now())");
    storage.sql("SELECT ensure_partitions('bars_daily', '2001-06-01', '2001-06-01')");
    String old = "bars_1m_d" + day.format(today.minusDays(10));
    assertThat(partitions("bars_1m")).contains(old);

    StorageHarness.await(storage.vertx.deployVerticle(new PartitionMaintenanceVerticle(),
        new DeploymentOptions().setConfig(storage.config)));
    List<String> after = partitions("bars_1m");
    // retention 3 days: a day partition goes once it ends before today - 3 days
    assertThat(after).doesNotContain(old, "bars_1m_d" + day.format(today.minusDays(4)));
    assertThat(after).contains("bars_1m_d" + day.format(today.minusDays(3)), "bars_1m_d" + day.format(today));
    assertThat(partitions("bars_daily")).contains("bars_daily_y2001");
  }

  @Test
  void ingestCreatesThePartitionsItNeedsAndQueriesPruneToTheRange() {
    storage.call(StorageAddresses.BARS_INGEST, batch("daily",
        bar("PRUNE", "1999-03-01", 1, 2, 0.5, 1.5, 1), bar("PRUNE", "2003-03-03", 1, 2, 0.5, 1.5, 1)));
    assertThat(partitions("bars_daily")).contains("bars_daily_y1999", "bars_daily_y2003");

    String plan = storage.sql("EXPLAIN SELECT ts, close FROM bars WHERE symbol = 'PRUNE' AND interval = 'daily'"
        + " AND ts >= '2003-01-01' AND ts < '2003-12-31'").stream().map(r -> r.getString("QUERY PLAN"))
        .collect(Collectors.joining("\n"));
    assertThat(plan).contains("bars_daily_y2003").doesNotContain("bars_daily_y1999").doesNotContain("bars_1m");

    // the prepared statement the service runs: generic plans prune at executor start ("Subplans Removed")
    String generic = storage.sql("PREPARE q(text, text, timestamptz, timestamptz) AS SELECT ts FROM bars"
        + " WHERE symbol = $1 AND interval = $2 AND ts >= $3 AND ts < $4",
        "SET plan_cache_mode = force_generic_plan",
        "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE q('PRUNE', 'daily', '2003-01-01', '2003-12-31')").stream()
        .map(r -> r.getString("QUERY PLAN")).collect(Collectors.joining("\n"));
    assertThat(generic).contains("Subplans Removed").contains("bars_daily_y2003").doesNotContain("bars_daily_y1999");
  }
}
