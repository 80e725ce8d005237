package io.ndc.storage;

import io.ndc.contract.Failure;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A storage service deployed on its own database for one test class, with blocking helpers for the test thread
 * (never an event loop): bus requests, and SQL through JDBC to look at what was stored.
 */
public final class StorageHarness implements AutoCloseable {
  public final Vertx vertx;
  public final String database;
  public final JsonObject config;

  private StorageHarness(Vertx vertx, String database, JsonObject config) {
    this.vertx = vertx;
    this.database = database;
    this.config = config;
  }

  public static StorageHarness start(String prefix, JsonObject overrides) {
    String database = TestConfig.uniqueDatabase(prefix);
    JsonObject config = TestConfig.forDatabase(database).mergeIn(overrides, true);
    Vertx vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageService(), new DeploymentOptions().setConfig(config)));
    return new StorageHarness(vertx, database, config);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Future<JsonObject> send(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(60_000))
        .map(m -> m.body());
  }

  /** A bus request; a failure comes back as the {@link Failure} the gateway would see. */
  public JsonObject call(String address, JsonObject body) {
    try {
      return await(send(address, body));
    } catch (RuntimeException e) {
      throw Failure.from(e);
    }
  }

  public Failure failure(String address, JsonObject body) {
    try {
      call(address, body);
    } catch (Failure f) {
      return f;
    }
    throw new AssertionError("expected " + address + " to fail for " + body.encode());
  }

  /** Runs the statements in one session; the rows of the last one as JSON objects (column label to value). */
  public List<JsonObject> sql(String... statements) {
    try (Connection c = DriverManager.getConnection(
        "jdbc:" + TestConfig.PG_SERVER.replace("postgresql://postgres@", "postgresql://") + "/" + database, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute("SET search_path = market, public");
      for (int i = 0; i < statements.length - 1; i++) {
        s.execute(statements[i]);
      }
      List<JsonObject> rows = new ArrayList<>();
      if (!s.execute(statements[statements.length - 1])) {
        return rows;
      }
      try (ResultSet rs = s.getResultSet()) {
        while (rs.next()) {
          JsonObject row = new JsonObject();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(rs.getMetaData().getColumnLabel(i), value == null ? null
                : value instanceof Number || value instanceof Boolean || value instanceof String ? value : value.toString());
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject bar(String symbol, String date, double open, double high, double low, double close,
      double volume) {
    return new JsonObject().put("symbol", symbol).put("date", date).put("open", open).put("high", high).put("low", low)
        .put("close", close).put("volume", volume);
  }

  public static JsonObject batch(String interval, JsonObject... rows) {
    return new JsonObject().put("source", "test").put("interval", interval).put("rows", new JsonArray(List.of((Object[]) rows)));
  }

  @Override
  public void close() {
    await(vertx.close());
    TestConfig.dropDatabase(database);
  }
}
