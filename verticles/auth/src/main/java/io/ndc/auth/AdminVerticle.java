package io.ndc.auth;

import io.ndc.auth.crypto.Tokens;
import io.ndc.contract.Fields;
import io.ndc.contract.Page;
import io.ndc.auth.token.Sessions;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.contract.auth.Permission;
import io.ndc.contract.auth.Roles;
import io.ndc.platform.bus.BusRequest;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What admins do with accounts: list, create and update users, assign roles, read the audit log, create API
 * clients; and the client-credentials grant those clients use. The gateway already checked the permission; the
 * handlers check it again from the caller's roles so a bus request that bypasses the gateway gets no further.
 */
public final class AdminVerticle extends VerticleBase {
  private AuthContext auth;

  @Override
  public Future<?> start() {
    auth = new AuthContext(vertx, config());
    var bus = vertx.eventBus();
    return Future.all(List.of(
        bus.consumer(AuthAddresses.USERS_LIST, admin(Permission.USERS_ADMIN,
            r -> auth.accounts.page(Page.fromJson(r.body())))).completion(),
        bus.consumer(AuthAddresses.USERS_CREATE, admin(Permission.USERS_ADMIN, this::createUser)).completion(),
        bus.consumer(AuthAddresses.USERS_UPDATE, admin(Permission.USERS_ADMIN, this::updateUser)).completion(),
        bus.consumer(AuthAddresses.ROLES_GET, admin(Permission.USERS_ADMIN, r -> auth.accounts.require(userId(r))
            .map(a -> new JsonObject().put("user_id", a.id()).put("roles", new JsonArray(a.roles()))))).completion(),
        bus.consumer(AuthAddresses.ROLES_SET, admin(Permission.USERS_ADMIN, this::setRoles)).completion(),
        bus.consumer(AuthAddresses.AUDIT_QUERY, admin(Permission.AUDIT_READ, r -> auth.audit.query(
            auditedUser(r.body()), Fields.text(r.body(), "event"), Page.fromJson(r.body())))).completion(),
        bus.consumer(AuthAddresses.CLIENTS_CREATE, admin(Permission.USERS_ADMIN, this::createClient)).completion(),
        bus.consumer(AuthAddresses.OAUTH2_TOKEN, Handlers.request(this::clientCredentials)).completion()));
  }

  private io.vertx.core.Handler<io.vertx.core.eventbus.Message<JsonObject>> admin(String permission,
      Function<BusRequest, Future<?>> handler) {
    return Handlers.request(r -> Roles.grants(r.roles(), permission) ? handler.apply(r)
        : Future.failedFuture(new Failure(ErrorCode.AUTHORIZATION_ERROR, "this needs the " + permission + " permission")));
  }

  /**
   * The user whose events are asked for ({@code /users/{id}/audit} or {@code ?user_id=}), null for everyone's; a filter
   * that is not a user id is a 400, never a missing filter that answers with every user's events.
   */
  private static UUID auditedUser(JsonObject body) {
    String id = Fields.text(body, body.containsKey("id") ? "id" : "user_id");
    if (id == null) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw Failure.validation("'" + (body.containsKey("id") ? "id" : "user_id") + "' is not a user id (got '" + id + "')");
    }
  }

  private static String userId(BusRequest request) {
    return Input.required(request.body(), "id", 64);
  }

  private Future<JsonObject> createUser(BusRequest request) {
    String email = Input.email(request.body());
    String password = Input.newPassword(request.body(), "password");
    String name = Input.required(request.body(), "name", 200).trim();
    List<String> roles = request.body().getValue("roles") == null ? List.of(Roles.VIEWER) : Input.roles(request.body(), "roles");
    return auth.hasher.hashAsync(password)
        .compose(hash -> auth.accounts.create(email, name, hash, true, roles))
        .map(account -> {
          auth.audit.record("user_created", request.userId(), account.id(), request.requestId(),
              new JsonObject().put("roles", new JsonArray(roles)));
          return account.toJson();
        });
  }

  private Future<JsonObject> updateUser(BusRequest request) {
    JsonObject body = request.body();
    String id = userId(request);
    JsonObject columns = new JsonObject();
    String name = Input.optional(body, "name", 200);
    if (name != null) {
      columns.put("name", name.trim());
    }
    String status = Input.optional(body, "status", 16);
    if (status != null && !List.of("active", "disabled").contains(status)) {
      throw Failure.validation("status must be active or disabled", new JsonObject().put("field", "status"));
    }
    if (status != null) {
      columns.put("status", status);
    }
    Object verified = body.getValue("email_verified");
    if (verified != null && !(verified instanceof Boolean)) {
      throw Failure.validation("email_verified must be true or false", new JsonObject().put("field", "email_verified"));
    }
    if (verified != null) {
      columns.put("email_verified", verified);
    }
    if (columns.isEmpty()) {
      throw Failure.validation("nothing to update: give name, status or email_verified");
    }
    return auth.accounts.require(id)
        .compose(before -> auth.accounts.update(before.id(), columns.getMap()))
        .compose(updated -> ("disabled".equals(status) ? auth.sessions.revokeUser(updated.id(), "account disabled")
            : Future.<Void>succeededFuture()).map(v -> {
              auth.audit.record("user_updated", request.userId(), updated.id(), request.requestId(), columns);
              return updated.toJson();
            }));
  }

  private Future<JsonObject> setRoles(BusRequest request) {
    String id = userId(request);
    List<String> roles = Input.roles(request.body(), "roles");
    return auth.accounts.require(id)
        .compose(before -> auth.accounts.replaceRoles(before.id(), roles)
            // tokens carry roles: the old ones stop working now, a refresh gets the new roles
            .compose(v -> auth.sessions.revokeUserAccess(before.id()))
            .map(v -> {
              auth.audit.record("roles_changed", request.userId(), before.id(), request.requestId(),
                  new JsonObject().put("from", new JsonArray(before.roles())).put("to", new JsonArray(roles)));
              return new JsonObject().put("user_id", before.id()).put("roles", new JsonArray(roles));
            }));
  }

  private Future<JsonObject> createClient(BusRequest request) {
    String name = Input.required(request.body(), "name", 200).trim();
    List<String> roles = Input.roles(request.body(), "roles");
    String clientId = "ndc_" + Tokens.random(12);
    String secret = Tokens.random(32);
    return auth.hasher.hashAsync(secret)
        .compose(hash -> auth.pg.preparedQuery("INSERT INTO api_clients (client_id, name, secret_hash, roles, created_by) "
                + "VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(clientId, name, hash, roles.toArray(String[]::new), uuidOrNull(request.userId()))))
        .map(v -> {
          auth.audit.record("client_created", request.userId(), null, request.requestId(),
              new JsonObject().put("client_id", clientId).put("roles", new JsonArray(roles)));
          return new JsonObject().put("client_id", clientId).put("client_secret", secret).put("name", name)
              .put("roles", new JsonArray(roles));
        });
  }

  /** RFC 6749 §4.4: an API client trades its id and secret for an access token (no refresh token). */
  private Future<JsonObject> clientCredentials(BusRequest request) {
    String grant = Input.required(request.body(), "grant_type", 64);
    if (!"client_credentials".equals(grant)) {
      throw Failure.validation("unsupported grant_type '" + grant + "' (supported: client_credentials)",
          new JsonObject().put("field", "grant_type"));
    }
    String clientId = Input.required(request.body(), "client_id", 128);
    String secret = Input.required(request.body(), "client_secret", 256);
    return auth.throttle.check("client:" + clientId)
        .compose(v -> auth.pg.preparedQuery("SELECT secret_hash, roles, status FROM api_clients WHERE client_id = $1")
            .execute(Tuple.of(clientId)))
        .compose(rows -> {
          var row = rows.size() == 0 ? null : rows.iterator().next();
          return auth.hasher.verifyAsync(secret, row == null ? null : row.getString("secret_hash")).compose(ok -> {
            if (!ok || !"active".equals(row.getString("status"))) {
              auth.throttle.recordFailure("client:" + clientId);
              auth.audit.record("client_auth_failed", "client:" + clientId, null, request.requestId(), new JsonObject());
              return Future.failedFuture(Sessions.invalid("invalid client credentials"));
            }
            List<String> roles = List.of(row.getArrayOfStrings("roles"));
            return auth.sessions.accessToken("client:" + clientId, roles, null).map(token -> new JsonObject()
                .put("access_token", token).put("token_type", "bearer").put("expires_in", auth.sessions.accessTtl()));
          });
        });
  }

  private static UUID uuidOrNull(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Future<?> stop() {
    auth.close();
    return Future.succeededFuture();
  }
}
