package io.ndc.auth;

import io.ndc.auth.crypto.Totp;
import io.ndc.auth.store.Account;
import io.ndc.auth.token.Sessions;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.contract.auth.Roles;
import io.ndc.platform.bus.BusRequest;
import io.ndc.platform.bus.Handlers;
import java.util.UUID;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.ndc.contract.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A user's own account: registration, profile, password and the authenticator-app second factor. */
public final class AccountVerticle extends VerticleBase {
  private AuthContext auth;
  private SecondFactor secondFactor;

  @Override
  public Future<?> start() {
    auth = new AuthContext(vertx, config());
    secondFactor = new SecondFactor(auth);
    var bus = vertx.eventBus();
    return Future.all(List.of(
        bus.consumer(AuthAddresses.USERS_REGISTER, Handlers.request(this::register)).completion(),
        bus.consumer(AuthAddresses.PROFILE_GET, Handlers.request(r -> self(r).map(Account::toJson))).completion(),
        bus.consumer(AuthAddresses.PROFILE_UPDATE, Handlers.request(this::updateProfile)).completion(),
        bus.consumer(AuthAddresses.TOTP_SETUP, Handlers.request(this::setupTotp)).completion(),
        bus.consumer(AuthAddresses.TOTP_ENABLE, Handlers.request(this::enableTotp)).completion(),
        bus.consumer(AuthAddresses.TOTP_DISABLE, Handlers.request(this::disableTotp)).completion()));
  }

  private Future<JsonObject> register(BusRequest request) {
    String email = Input.email(request.body());
    String password = Input.newPassword(request.body(), "password");
    String name = Input.required(request.body(), "name", 200).trim();
    return auth.hasher.hashAsync(password)
        .compose(hash -> auth.accounts.create(email, name, hash, false, List.of(Roles.VIEWER)))
        .map(account -> {
          auth.audit.record("register", account.id(), account.id(), request.requestId(), new JsonObject());
          return account.toJson();
        })
        .recover(e -> e instanceof Failure f && f.code() == ErrorCode.CONFLICT
            ? auth.accounts.byEmail(email).map(existing -> lookalike(existing.orElse(null), email, name, request))
            : Future.failedFuture(e));
  }

  /**
   * Registration does not tell who has an account (docs/security.md, "Registration"): an address already taken is
   * answered exactly as a new one, 201 with a user of that e-mail and name that does not exist (nothing is created, the
   * owner's account is untouched, and signing in with this password fails as any wrong password does). The password
   * was hashed either way, so the answer takes as long. The owner's audit log records the attempt.
   */
  private JsonObject lookalike(Account existing, String email, String name, BusRequest request) {
    if (existing != null) {
      auth.audit.record("register_existing", null, existing.id(), request.requestId(), new JsonObject());
    }
    return new Account(UUID.randomUUID().toString(), email, name, false, null, "active", null, false, 0,
        OffsetDateTime.now(ZoneOffset.UTC), List.of(Roles.VIEWER)).toJson();
  }

  /** The calling user's account; API clients have none. */
  private Future<Account> self(BusRequest request) {
    if (request.userId() == null) {
      return Future.failedFuture(Sessions.invalid("authentication required"));
    }
    return auth.accounts.byId(request.userId()).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failure.notFound("the caller " + request.userId() + " has no user profile"))));
  }

  private Future<JsonObject> updateProfile(BusRequest request) {
    JsonObject body = request.body();
    String name = Input.optional(body, "name", 200);
    String newPassword = body.getValue("password") == null ? null : Input.newPassword(body, "password");
    return self(request).compose(account -> {
      Map<String, Object> columns = new HashMap<>();
      if (name != null) {
        columns.put("name", name.trim());
      }
      if (newPassword == null) {
        return auth.accounts.update(account.id(), columns).map(Account::toJson);
      }
      String current = Input.required(body, "current_password", Input.PASSWORD_MAX);
      return auth.hasher.verifyAsync(current, account.passwordHash())
          .compose(ok -> ok ? auth.hasher.hashAsync(newPassword)
              : Future.failedFuture(Failure.validation("current_password is not correct", new JsonObject().put("field", "current_password"))))
          .compose(hash -> {
            columns.put("password_hash", hash);
            return auth.accounts.update(account.id(), columns);
          })
          // other sessions may belong to whoever knew the old password
          .compose(updated -> auth.sessions.revokeUser(updated.id(), "password changed").map(v -> {
            auth.audit.record("password_changed", updated.id(), updated.id(), request.requestId(), new JsonObject());
            return updated.toJson();
          }));
    });
  }

  private Future<JsonObject> setupTotp(BusRequest request) {
    return self(request).compose(account -> {
      if (account.totpEnabled()) {
        return Future.failedFuture(Failure.conflict("two-factor authentication is already enabled; disable it first"));
      }
      String secret = Totp.newSecret();
      String issuer = auth.settings.totpIssuer();
      return auth.accounts.update(account.id(), Map.of(
              "totp_secret", auth.box.seal(secret, SecondFactor.seedContext(account.id())),
              "totp_last_step", 0L))
          .compose(updated -> secondFactor.newRecoveryCodes(account.id()))
          .map(codes -> new JsonObject()
              .put("secret", secret)
              .put("otpauth_uri", Totp.otpauthUri(issuer, account.email(), secret))
              .put("recovery_codes", new JsonArray(codes)));
    });
  }

  private Future<JsonObject> enableTotp(BusRequest request) {
    String code = Input.required(request.body(), "code", 32);
    return self(request).compose(account -> {
      if (account.totpSecret() == null) {
        return Future.failedFuture(Failure.conflict("call POST /auth/2fa/setup first"));
      }
      if (account.totpEnabled()) {
        return Future.failedFuture(Failure.conflict("two-factor authentication is already enabled"));
      }
      return secondFactor.acceptTotp(account, code).compose(ok -> ok
          ? auth.accounts.update(account.id(), Map.of("totp_enabled", true)).map(updated -> {
              auth.audit.record("2fa_enabled", updated.id(), updated.id(), request.requestId(), new JsonObject());
              return updated.toJson();
            })
          : Future.failedFuture(Failure.validation("the code is not valid", new JsonObject().put("field", "code"))));
    });
  }

  private Future<JsonObject> disableTotp(BusRequest request) {
    String code = Input.required(request.body(), "code", 32);
    return self(request).compose(account -> {
      if (!account.totpEnabled()) {
        return Future.failedFuture(Failure.conflict("two-factor authentication is not enabled"));
      }
      return secondFactor.accept(account, code).compose(ok -> ok
          ? auth.accounts.update(account.id(), disabledTotp())
              .compose(updated -> auth.pg.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1::uuid")
                  .execute(io.vertx.sqlclient.Tuple.of(updated.id())).map(v -> {
                    auth.audit.record("2fa_disabled", updated.id(), updated.id(), request.requestId(), new JsonObject());
                    return updated.toJson();
                  }))
          : Future.failedFuture(Failure.validation("the code is not valid", new JsonObject().put("field", "code"))));
    });
  }

  private static Map<String, Object> disabledTotp() {
    Map<String, Object> columns = new HashMap<>();
    columns.put("totp_enabled", false);
    columns.put("totp_secret", null);
    return columns;
  }

  @Override
  public Future<?> stop() {
    auth.close();
    return Future.succeededFuture();
  }
}
