package io.ndc.platform.testing;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Configuration for tests against the real local services. Each call names a fresh database (created by the
 * service at start), so test classes never see each other's rows; {@link #dropDatabase} removes it afterwards.
 * Hosts come from the same variables users set ({@code NDC_PG_URL} etc., without the database part for PostgreSQL).
 */
public final class TestConfig {
  public static final String PG_SERVER = System.getenv().getOrDefault("NDC_TEST_PG_SERVER", "postgresql://postgres@127.0.0.1:5432");
  public static final String REDIS_URL = System.getenv().getOrDefault("NDC_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  public static final String AMQP_URL = System.getenv().getOrDefault("NDC_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");

  private TestConfig() {
  }

  /** A unique, valid database name with a readable prefix. */
  public static String uniqueDatabase(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
  }

  /** Full node-style configuration pointing at a fresh database, a random HTTP port and the local services. */
  public static JsonObject forDatabase(String database) {
    return new JsonObject()
        .put("node", new JsonObject().put("id", "test-" + database))
        .put("pg", new JsonObject().put("url", PG_SERVER + "/" + database).put("pool_size", 4))
        .put("redis", new JsonObject().put("url", REDIS_URL))
        .put("amqp", new JsonObject().put("url", AMQP_URL).put("reconnect_interval_ms", 500))
        .put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("body_limit_bytes", 1024 * 1024))
        .put("bridge", new JsonObject().put("port", 0))
        .put("bus", new JsonObject().put("timeout_ms", 5000))
        .put("redis_prefix", database + ":")
        // a key per test database, so no test writes a generated key file into the working directory
        .put("security", new JsonObject().put("secret_key", "test secret key " + database));
  }

  public static void dropDatabase(String database) {
    try (Connection c = DriverManager.getConnection("jdbc:" + PG_SERVER.replace("postgresql://postgres@", "postgresql://") + "/postgres", "postgres", null);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + database, e);
    }
  }
}
