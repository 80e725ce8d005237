package io.ndc.platform.clients;

import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL for a service: the database and the service's schema are created when missing, the service's
 * Flyway migrations ({@code classpath:db/<schema>}) run once at start on a worker thread, and verticles share one
 * reactive pool per schema whose connections have {@code search_path} set to that schema.
 */
public final class Postgres {
  private Postgres() {
  }

  public static PgConnectOptions connectOptions(JsonObject config) {
    return PgConnectOptions.fromUri(Dependency.POSTGRES.url(config));
  }

  /** The shared pool of a schema; every call with the same schema returns a handle on the same pool. */
  public static Pool pool(Vertx vertx, JsonObject config, String schema) {
    PgConnectOptions connect = connectOptions(config).addProperty("search_path", schema + ",public");
    // a service whose statements are long-lived and hot (storage ingest) turns on the per-connection statement cache
    connect.setCachePreparedStatements(Settings.of(config).bool("pg.cache_prepared_statements"))
        .setPreparedStatementCacheSqlLimit(Settings.of(config).integer("pg.prepared_statement_cache_sql_limit"));
    PoolOptions pool = new PoolOptions()
        .setMaxSize(Settings.of(config).integer("pg.pool_size"))
        .setMaxWaitQueueSize(Settings.of(config).integer("pg.max_wait_queue"))
        .setConnectionTimeout(Settings.of(config).integer("pg.connect_timeout_ms"))
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        .setShared(true)
        .setName("ndc-pg-" + connect.getDatabase() + "-" + schema);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** Creates the database and schema when missing and migrates the schema; fails naming host, port and setting. */
  public static Future<Void> prepare(Vertx vertx, JsonObject config, String schema) {
    return vertx.<Void>executeBlocking(() -> {
      PgConnectOptions o = connectOptions(config);
      try {
        createDatabaseIfMissing(o);
      } catch (SQLException e) {
        throw Dependency.POSTGRES.unreachable(config, e);
      }
      migrate(o, schema);
      return null;
    }, false);
  }

  private static String jdbcUrl(PgConnectOptions o, String database) {
    return "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + database + "?connectTimeout=5&ApplicationName=ndc";
  }

  private static Properties credentials(PgConnectOptions o) {
    Properties p = new Properties();
    p.setProperty("user", o.getUser());
    if (o.getPassword() != null) {
      p.setProperty("password", o.getPassword());
    }
    return p;
  }

  private static void createDatabaseIfMissing(PgConnectOptions o) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl(o, "postgres"), credentials(o));
        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, o.getDatabase());
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("CREATE DATABASE \"" + o.getDatabase().replace("\"", "\"\"") + "\"");
      } catch (SQLException e) {
        // another node or service created it between our check and our create
        if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }

  private static void migrate(PgConnectOptions o, String schema) {
    Flyway.configure(Postgres.class.getClassLoader())
        .dataSource(jdbcUrl(o, o.getDatabase()), o.getUser(), o.getPassword())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:db/" + schema)
        .failOnMissingLocations(false)
        .table("flyway_schema_history")
        .load()
        .migrate();
  }
}
