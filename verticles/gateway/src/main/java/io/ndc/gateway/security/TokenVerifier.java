package io.ndc.gateway.security;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.gateway.http.Caller;
import io.ndc.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens locally (no bus hop per request) against the auth service's published keys: ES256 only,
 * known {@code kid}, signature, expiry, issuer and audience, and the revocations the auth service publishes. The
 * key set is fetched over the bus ({@link AuthAddresses#KEYS_LIST}) on first use, when the auth service announces a
 * rotation, and when a token names a key not seen yet (at most once a second, so random kids cannot flood it).
 */
public final class TokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
  public static final String ALG = "ES256";
  private static final long MIN_RELOAD_INTERVAL_MS = 1000;

  private final Vertx vertx;
  private final String issuer;
  private final String audience;
  private final int leewaySeconds;
  private final long busTimeoutMs;
  /** revocation key ({@code sid:<id>}, {@code user:<id>}) → [before_ms, until epoch s] */
  private final Map<String, long[]> revocations = new ConcurrentHashMap<>();
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final int cacheSize;
  private volatile JWTAuth jwt;
  private volatile java.util.Set<String> kids = java.util.Set.of();
  private volatile Future<Void> loading;
  private Future<Void> scheduled;
  private volatile long lastLoadMs;
  private volatile boolean revocationsLoaded;

  public TokenVerifier(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.issuer = Settings.of(config).string("auth.jwt.issuer");
    this.audience = Settings.of(config).string("auth.jwt.audience");
    this.leewaySeconds = Settings.of(config).integer("auth.jwt.leeway_s");
    this.busTimeoutMs = Settings.of(config).longValue("bus.timeout_ms");
    this.cacheSize = Settings.of(config).integer("gateway.token_cache_size");
  }

  /** What a verified token says, kept for its remaining lifetime. */
  private record Verified(String subject, List<String> roles, String sessionId, long issuedMs, long expiresAt) {
  }

  /** Listens for revocations and key rotations; keys themselves load lazily (auth may start after the gateway). */
  public Future<Void> start() {
    var bus = vertx.eventBus();
    vertx.setPeriodic(60_000, id -> forgetExpired());
    return Future.all(
        bus.<JsonObject>consumer(AuthAddresses.TOKENS_REVOKED, m -> applyRevocation(m.body())).completion(),
        bus.<JsonObject>consumer(AuthAddresses.KEYS_CHANGED, m -> reload()).completion()).mapEmpty();
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
    if (!ALG.equals(header.getString("alg"))) {
      return Future.failedFuture(invalid("access token algorithm " + header.getString("alg") + " is not accepted"));
    }
    String kid = header.getString("kid");
    if (kid == null) {
      return Future.failedFuture(invalid("access token has no key id"));
    }
    Future<Void> keysReady = jwt != null && kids.contains(kid) ? Future.succeededFuture() : reloadForUnknownKid();
    return keysReady.compose(v -> {
      if (!kids.contains(kid)) {
        return Future.failedFuture(invalid("access token is signed by an unknown key"));
      }
      return jwt.authenticate(new TokenCredentials(token));
    }).recover(e -> Future.failedFuture(e instanceof Failure ? e : invalid(reason(e))))
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
    if (System.currentTimeMillis() / 1000 - leewaySeconds >= token.expiresAt()) {
      return Future.failedFuture(invalid("access token has expired"));
    }
    if (revoked("user:" + token.subject(), token.issuedMs())
        || (token.sessionId() != null && revoked("sid:" + token.sessionId(), token.issuedMs()))) {
      return Future.failedFuture(invalid("access token has been revoked"));
    }
    return Future.succeededFuture(new Caller(requestId, token.subject(), token.roles()));
  }

  private void remember(String token, Verified entry) {
    if (verified.size() >= cacheSize) {
      long now = System.currentTimeMillis() / 1000;
      verified.values().removeIf(v -> v.expiresAt() < now);
      if (verified.size() >= cacheSize) {
        verified.clear();
      }
    }
    verified.put(token, entry);
  }

  private boolean revoked(String key, long issuedMs) {
    long[] entry = revocations.get(key);
    return entry != null && issuedMs <= entry[0];
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

  private static Failure invalid(String message) {
    return new Failure(ErrorCode.AUTHENTICATION_ERROR, message);
  }

  private static JsonObject header(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || token.chars().filter(c -> c == '.').count() != 2) {
      throw new IllegalArgumentException("not a JWS compact token");
    }
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
  }

  /**
   * A kid we do not know may be a key that started signing a moment ago: fetch the key set, but no more than once
   * a second; within that second callers wait for the one fetch scheduled at its end.
   */
  private synchronized Future<Void> reloadForUnknownKid() {
    long wait = lastLoadMs + MIN_RELOAD_INTERVAL_MS - System.currentTimeMillis();
    if (jwt == null || wait <= 0) {
      return reload();
    }
    if (scheduled == null) {
      io.vertx.core.Promise<Void> next = io.vertx.core.Promise.promise();
      scheduled = next.future();
      vertx.setTimer(wait, id -> {
        synchronized (this) {
          scheduled = null;
        }
        reload().onComplete(next);
      });
    }
    return scheduled;
  }

  /** Fetches the key set; concurrent callers share one fetch. */
  private synchronized Future<Void> reload() {
    Future<Void> inFlight = loading;
    if (inFlight != null && !inFlight.isComplete()) {
      return inFlight;
    }
    lastLoadMs = System.currentTimeMillis();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(busTimeoutMs);
    Future<Void> load = vertx.eventBus().<JsonObject>request(AuthAddresses.KEYS_LIST, new JsonObject(), options)
        .map(Message::body)
        .map(jwks -> {
          install(jwks.getJsonArray("keys", new JsonArray()));
          return (Void) null;
        })
        .compose(v -> revocationsLoaded ? Future.<Void>succeededFuture() : loadRevocations())
        .recover(e -> {
          LOG.warn("cannot load signing keys from the auth service: {}", e.getMessage());
          return Future.failedFuture(new Failure(ErrorCode.SERVICE_UNAVAILABLE,
              "tokens cannot be verified right now: the auth service did not provide its keys"));
        });
    loading = load;
    return load;
  }

  private void install(JsonArray keys) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(issuer)
        .setAudience(List.of(audience))
        .setLeeway(leewaySeconds));
    java.util.Set<String> ids = new java.util.HashSet<>();
    keys.forEach(k -> {
      JsonObject key = ((JsonObject) k).copy();
      if (!ALG.equals(key.getString("alg"))) {
        return;
      }
      // Vert.x files keys marked "use":"sig" as signing keys only; these verify
      key.remove("use");
      options.addJwk(key);
      ids.add(key.getString("kid"));
    });
    jwt = JWTAuth.create(vertx, options);
    kids = java.util.Set.copyOf(ids);
  }

  private Future<Void> loadRevocations() {
    return vertx.eventBus().<JsonObject>request(AuthAddresses.REVOCATIONS_LIST, new JsonObject(),
            new DeliveryOptions().setSendTimeout(busTimeoutMs))
        .map(m -> {
          m.body().getJsonArray("revocations", new JsonArray()).forEach(r -> applyRevocation((JsonObject) r));
          revocationsLoaded = true;
          return (Void) null;
        });
  }

  private void applyRevocation(JsonObject r) {
    revocations.merge(r.getString("key"), new long[] {r.getLong("before_ms"), r.getLong("until")},
        (old, now) -> now[0] >= old[0] ? now : old);
  }

  private void forgetExpired() {
    long now = System.currentTimeMillis() / 1000;
    revocations.values().removeIf(entry -> entry[1] < now);
    verified.values().removeIf(v -> v.expiresAt() < now);
  }
}
