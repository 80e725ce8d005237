package io.ndc.auth;

import io.ndc.auth.crypto.Tokens;
import io.ndc.auth.store.Account;
import io.ndc.auth.token.Sessions;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.platform.bus.BusRequest;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * Logging in and staying logged in: password login (with the second factor when the user has one), refresh
 * rotation with reuse detection, logout, and the keys and revocations gateways verify tokens with.
 */
public final class SessionVerticle extends VerticleBase {
  private AuthContext auth;
  private SecondFactor secondFactor;
  private long maintenanceTimer;

  @Override
  public Future<?> start() {
    auth = new AuthContext(vertx, config());
    secondFactor = new SecondFactor(auth);
    var bus = vertx.eventBus();
    maintenanceTimer = vertx.setPeriodic(60_000, id -> maintain());
    return auth.keys.ensureCurrent().compose(v -> Future.all(java.util.List.of(
        bus.consumer(AuthAddresses.SESSION_LOGIN, Handlers.request(this::login)).completion(),
        bus.consumer(AuthAddresses.TOTP_VERIFY, Handlers.request(this::verifySecondFactor)).completion(),
        bus.consumer(AuthAddresses.SESSION_REFRESH, Handlers.request(this::refresh)).completion(),
        bus.consumer(AuthAddresses.SESSION_LOGOUT, Handlers.request(this::logout)).completion(),
        bus.consumer(AuthAddresses.TOKEN_VERIFY,
            Handlers.json(body -> auth.sessions.verify(Input.required(body, "token", 8192)))).completion(),
        bus.consumer(AuthAddresses.KEYS_LIST, Handlers.json(body -> auth.keys.jwks())).completion(),
        bus.consumer(AuthAddresses.REVOCATIONS_LIST, Handlers.json(body -> auth.sessions.activeRevocations())).completion())));
  }

  /** Rotates the signing key when due (announcing it) and forgets what has expired. */
  private void maintain() {
    auth.keys.ensureCurrent()
        .compose(v -> auth.keys.prune())
        .compose(v -> auth.sessions.prune());
  }

  private Future<JsonObject> login(BusRequest request) {
    String email = Input.required(request.body(), "email", 254).trim();
    String password = Input.required(request.body(), "password", Input.PASSWORD_MAX);
    return auth.throttle.check(email)
        .compose(v -> auth.accounts.byEmail(email))
        .compose(found -> auth.hasher.verifyAsync(password, found.map(Account::passwordHash).orElse(null))
            .compose(ok -> {
              if (!ok || !found.get().active()) {
                auth.throttle.recordFailure(email);
                auth.audit.record("login_failed", null, found.map(Account::id).orElse(null), request.requestId(),
                    new JsonObject().put("email", email).put("reason", ok ? "disabled" : "bad_credentials"));
                return Future.failedFuture(Sessions.invalid(ok ? "this account is disabled" : "invalid e-mail or password"));
              }
              Account account = found.get();
              auth.throttle.reset(email);
              return account.totpEnabled() ? auth.sessions.mfaChallenge(account.id()) : startSession(account, "login", request);
            }));
  }

  private Future<JsonObject> startSession(Account account, String event, BusRequest request) {
    return auth.sessions.open(account.id(), account.roles()).onSuccess(tokens ->
        auth.audit.record(event, account.id(), account.id(), request.requestId(), new JsonObject()));
  }

  private Future<JsonObject> verifySecondFactor(BusRequest request) {
    String mfaToken = Input.required(request.body(), "mfa_token", 200);
    String code = Input.required(request.body(), "code", 32);
    return auth.pg.preparedQuery("SELECT user_id::text FROM mfa_challenges WHERE token_hash = $1 AND expires_at > now()")
        .execute(Tuple.of(Tokens.sha256(mfaToken)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Sessions.invalid("mfa_token is not valid or has expired; log in again"))
            : auth.accounts.require(rows.iterator().next().getString(0)))
        .compose(account -> auth.throttle.check(account.email())
            .compose(v -> secondFactor.accept(account, code))
            .compose(ok -> {
              if (!ok) {
                auth.throttle.recordFailure(account.email());
                auth.audit.record("mfa_failed", account.id(), account.id(), request.requestId(), new JsonObject());
                return Future.failedFuture(Sessions.invalid("the code is not valid"));
              }
              return auth.pg.preparedQuery("DELETE FROM mfa_challenges WHERE token_hash = $1")
                  .execute(Tuple.of(Tokens.sha256(mfaToken)))
                  .compose(v -> startSession(account, "login_mfa", request));
            }));
  }

  private Future<JsonObject> refresh(BusRequest request) {
    String token = Input.required(request.body(), "refresh_token", 200);
    return auth.sessions.consume(token)
        .recover(e -> {
          if (e instanceof Failure f && f.details() != null && f.details().getBoolean("reuse", false)) {
            auth.audit.record("refresh_reuse", null, f.details().getString("user_id"), request.requestId(),
                new JsonObject().put("action", "family revoked"));
            return Future.failedFuture(new Failure(f.status(), f.code(), f.getMessage(), null));
          }
          return Future.failedFuture(e);
        })
        .compose(family -> auth.accounts.require(family.userId()).compose(account -> account.active()
            ? auth.sessions.rotate(family, account.roles())
            : auth.sessions.revokeFamily(family.familyId(), "account disabled")
                .compose(v -> Future.failedFuture(Sessions.invalid("this account is disabled")))));
  }

  private Future<JsonObject> logout(BusRequest request) {
    String token = Input.required(request.body(), "refresh_token", 200);
    // whose token it is is checked before it is used: a refused logout leaves the owner's session as it was
    return auth.sessions.owner(token)
        .compose(owner -> request.userId() != null && !request.userId().equals(owner.userId())
            ? Future.failedFuture(Sessions.invalid("this refresh token belongs to another user"))
            : auth.sessions.consume(token))
        .compose(family -> auth.sessions.revokeFamily(family.familyId(), "logout").map(v -> {
          auth.audit.record("logout", family.userId(), family.userId(), request.requestId(), new JsonObject());
          return new JsonObject().put("logged_out", true);
        }));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(maintenanceTimer);
    auth.close();
    return Future.succeededFuture();
  }
}
