package io.ndc.gateway.security;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.gateway.http.Caller;
import io.ndc.platform.security.JoseSignatures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies access tokens locally (no bus hop per request): ES256 only, a known {@code kid} ({@link SigningKeys}),
 * signature, expiry, issuer and audience, then the revocations the auth service publishes ({@link Revocations}).
 * A verified token is remembered for its remaining lifetime, so its next request costs only the expiry and
 * revocation checks.
 */
public final class TokenVerifier {
  private final Vertx vertx;
  private final TokenSettings settings;
  private final Revocations revocations;
  private final SigningKeys keys;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public TokenVerifier(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.settings = TokenSettings.from(config);
    this.revocations = new Revocations(vertx, settings.busTimeoutMs());
    this.keys = new SigningKeys(vertx, settings, revocations::loadOnce);
  }

  /** What a verified token says, kept for its remaining lifetime. */
  private record Verified(String subject, List<String> roles, String sessionId, long issuedMs, long expiresAt) {
  }

  /** Listens for revocations and key rotations; keys themselves load lazily (auth may start after the gateway). */
  public Future<Void> start() {
    vertx.setPeriodic(60_000, id -> forgetExpired());
    return Future.all(revocations.listen(),
        vertx.eventBus().<JsonObject>consumer(AuthAddresses.KEYS_CHANGED, m -> keys.reload()).completion()).mapEmpty();
  }

  /** A verified token as the caller it names (no request id). */
  public Future<Caller> verify(String token) {
    return verify(token, null);
  }

  public Future<Caller> verify(String token, String requestId) {
    Verified known = verified.get(token);
    if (known != null) {
      return checked(known, requestId);
    }
    JsonObject header;
    try {
      header = header(token);
    } catch (RuntimeException e) {
      return Future.failedFuture(invalid("access token is malformed"));
    }
    if (!SigningKeys.ALG.equals(header.getString("alg"))) {
      return Future.failedFuture(invalid("access token algorithm " + header.getString("alg") + " is not accepted"));
    }
    if (!JoseSignatures.canonical(token)) {
      return Future.failedFuture(invalid("access token signature is not in the JOSE form (64 bytes, low S)"));
    }
    String kid = header.getString("kid");
    if (kid == null) {
      return Future.failedFuture(invalid("access token has no key id"));
    }
    return keys.verifierFor(kid)
        .compose(jwt -> jwt.authenticate(new TokenCredentials(token)))
        .recover(e -> Future.failedFuture(e instanceof Failure ? e : invalid(reason(e))))
        .compose(user -> toCaller(token, user, requestId));
  }

  private Future<Caller> toCaller(String token, User user, String requestId) {
    // Vert.x keeps the verified claims under the "accessToken" attribute; the principal only holds the raw token
    JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
    String subject = claims.getString("sub");
    Object exp = claims.getValue("exp");
    if (subject == null || !(exp instanceof Number expiry)) {
      return Future.failedFuture(invalid("access token lacks a subject or an expiry"));
    }
    Verified fresh = new Verified(subject,
        claims.getJsonArray("roles", new JsonArray()).stream().map(Object::toString).toList(),
        claims.getString("sid"),
        claims.getLong("issued_ms", claims.getLong("iat", 0L) * 1000),
        expiry.longValue());
    remember(token, fresh);
    return checked(fresh, requestId);
  }

  /** Expiry and revocation: what can change after the signature was checked. */
  private Future<Caller> checked(Verified token, String requestId) {
    if (System.currentTimeMillis() / 1000 - settings.leewaySeconds() >= token.expiresAt()) {
      return Future.failedFuture(invalid("access token has expired"));
    }
    if (revocations.revoked(token.subject(), token.sessionId(), token.issuedMs())) {
      return Future.failedFuture(invalid("access token has been revoked"));
    }
    return Future.succeededFuture(new Caller(requestId, token.subject(), token.roles()));
  }

  private void remember(String token, Verified entry) {
    if (verified.size() >= settings.cacheSize()) {
      long now = System.currentTimeMillis() / 1000;
      verified.values().removeIf(v -> v.expiresAt() < now);
      if (verified.size() >= settings.cacheSize()) {
        verified.clear();
      }
    }
    verified.put(token, entry);
  }

  private static String reason(Throwable e) {
    if (e instanceof NoSuchKeyIdException) {
      return "access token is signed by an unknown key";
    }
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
    if (message.contains("expired")) {
      return "access token has expired";
    }
    if (message.contains("issuer") || message.contains("audience")) {
      return "access token was not issued for this API";
    }
    return "access token is not valid";
  }

  static Failure invalid(String message) {
    return new Failure(ErrorCode.AUTHENTICATION_ERROR, message);
  }

  private static JsonObject header(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || token.chars().filter(c -> c == '.').count() != 2) {
      throw new IllegalArgumentException("not a JWS compact token");
    }
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
  }

  private void forgetExpired() {
    long now = System.currentTimeMillis() / 1000;
    revocations.forgetExpired(now);
    verified.values().removeIf(v -> v.expiresAt() < now);
  }
}
