package io.ndc.auth.store;

import io.ndc.contract.Page;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users and their roles in schema {@code auth}. */
public final class Accounts {
  private static final String SELECT = "SELECT " + Account.COLUMNS + " FROM users u ";

  private final Pool pg;

  public Accounts(Pool pg) {
    this.pg = pg;
  }

  public Pool pool() {
    return pg;
  }

  public Future<Optional<Account>> byEmail(String email) {
    return one(pg, SELECT + "WHERE lower(u.email) = lower($1)", Tuple.of(email));
  }

  public Future<Optional<Account>> byId(String id) {
    UUID uuid = uuidOrNull(id);
    if (uuid == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return one(pg, SELECT + "WHERE u.id = $1", Tuple.of(uuid));
  }

  public Future<Account> require(String id) {
    return byId(id).compose(a -> a.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failure.notFound("no user " + id))));
  }

  /** Creates a user with roles in one transaction; 409 when the e-mail is taken. */
  public Future<Account> create(String email, String name, String passwordHash, boolean emailVerified, List<String> roles) {
    return pg.withTransaction(conn -> conn.preparedQuery(
                "INSERT INTO users (email, name, password_hash, email_verified) VALUES ($1, $2, $3, $4) RETURNING id")
            .execute(Tuple.of(email, name, passwordHash, emailVerified))
            .compose(rows -> {
              UUID id = rows.iterator().next().getUUID("id");
              return setRoles(conn, id, roles).compose(v -> one(conn, SELECT + "WHERE u.id = $1", Tuple.of(id)));
            }))
        .map(Optional::orElseThrow)
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? Failure.conflict("a user with this e-mail already exists") : e));
  }

  public Future<Void> replaceRoles(String id, List<String> roles) {
    return pg.withTransaction(conn -> setRoles(conn, UUID.fromString(id), roles));
  }

  private static Future<Void> setRoles(SqlClient conn, UUID id, List<String> roles) {
    return conn.preparedQuery("DELETE FROM user_roles WHERE user_id = $1").execute(Tuple.of(id))
        .compose(v -> conn.preparedQuery("INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[])")
            .execute(Tuple.tuple().addValue(id).addValue(roles.toArray(String[]::new))))
        .mapEmpty();
  }

  /** Updates the given columns (names chosen by the caller, never by a client) of a user. */
  public Future<Account> update(String id, Map<String, Object> columns) {
    if (columns.isEmpty()) {
      return require(id);
    }
    StringBuilder sql = new StringBuilder("UPDATE users SET updated_at = now()");
    Tuple args = Tuple.tuple();
    columns.entrySet().forEach(e -> {
      args.addValue(e.getValue() instanceof byte[] b ? Buffer.buffer(b) : e.getValue());
      sql.append(", ").append(e.getKey()).append(" = $").append(args.size());
    });
    args.addValue(UUID.fromString(id));
    sql.append(" WHERE id = $").append(args.size());
    return pg.preparedQuery(sql.toString()).execute(args).compose(v -> require(id));
  }

  /** Accepts a TOTP step only when it is newer than the last accepted one (atomic across nodes). */
  public Future<Boolean> advanceTotpStep(String id, long step) {
    return pg.preparedQuery("UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2")
        .execute(Tuple.of(UUID.fromString(id), step)).map(rows -> rows.rowCount() == 1);
  }

  public Future<JsonObject> page(Page page) {
    return pg.preparedQuery(SELECT + "ORDER BY u.created_at, u.id LIMIT $1 OFFSET $2")
        .execute(Tuple.of(page.limit(), page.offset()))
        .compose(rows -> pg.query("SELECT count(*) FROM users").execute().map(count -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(Account.from(r).toJson()));
          return page.reply(items, count.iterator().next().getLong(0));
        }));
  }

  private static Future<Optional<Account>> one(SqlClient client, String sql, Tuple args) {
    return client.preparedQuery(sql).execute(args)
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Account.from(rows.iterator().next())));
  }

  static UUID uuidOrNull(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
