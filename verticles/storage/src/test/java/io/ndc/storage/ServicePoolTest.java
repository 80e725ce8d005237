package io.ndc.storage;

import static io.ndc.storage.StorageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.clients.Postgres;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool the running service uses has the options storage asks for: a shared pool keeps the options of whoever
 * opened it first, so this checks the effect on the pool itself, not the options storage passes.
 */
class ServicePoolTest {
  private static final String PROBE = "SELECT $1::int + 1 AS two";
  private static StorageHarness storage;

  @BeforeAll
  static void start() {
    storage = StorageHarness.start("service_pool", new JsonObject());
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  @Test
  void theServicesPoolKeepsItsPreparedStatementsOnTheConnection() {
    // plain configuration on purpose: with the same name this is a handle on the pool the service opened, with its options
    Pool pool = Postgres.pool(storage.vertx, storage.config, "market");
    try {
      long kept = await(pool.withConnection(conn -> conn.preparedQuery(PROBE).execute(Tuple.of(1))
          .compose(rows -> conn.preparedQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1")
              .execute(Tuple.of(PROBE)))
          .map(rows -> rows.iterator().next().getLong(0))));
      assertThat(kept).as("the probe's statement stays prepared on its connection (pg.cache_prepared_statements)").isEqualTo(1);
    } finally {
      await(pool.close());
    }
  }
}
