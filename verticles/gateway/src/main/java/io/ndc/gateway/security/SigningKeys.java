package io.ndc.gateway.security;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth service's published verification keys ({@link AuthAddresses#KEYS_LIST}) as a {@link JWTAuth}: fetched on
 * first use, when the auth service announces a rotation, and when a token names a key not seen yet (at most once a
 * second, so random kids cannot flood the auth service).
 */
final class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  static final String ALG = "ES256";
  private static final long MIN_RELOAD_INTERVAL_MS = 1000;

  private final Vertx vertx;
  private final TokenSettings settings;
  /** Runs after each fetch of the keys until it succeeds once (the revocations, loaded with the first key set). */
  private final Supplier<Future<Void>> afterLoad;
  private volatile JWTAuth jwt;
  private volatile Set<String> kids = Set.of();
  private volatile Future<Void> loading;
  private Future<Void> scheduled;
  private volatile long lastLoadMs;

  SigningKeys(Vertx vertx, TokenSettings settings, Supplier<Future<Void>> afterLoad) {
    this.vertx = vertx;
    this.settings = settings;
    this.afterLoad = afterLoad;
  }

  /** The verifier once keys are known and {@code kid} is among them (fetching the set when it is not). */
  Future<JWTAuth> verifierFor(String kid) {
    Future<Void> ready = jwt != null && kids.contains(kid) ? Future.succeededFuture() : reloadForUnknownKid();
    return ready.compose(v -> kids.contains(kid) ? Future.succeededFuture(jwt)
        : Future.failedFuture(TokenVerifier.invalid("access token is signed by an unknown key")));
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
      Promise<Void> next = Promise.promise();
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
  synchronized Future<Void> reload() {
    Future<Void> inFlight = loading;
    if (inFlight != null && !inFlight.isComplete()) {
      return inFlight;
    }
    lastLoadMs = System.currentTimeMillis();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(settings.busTimeoutMs());
    Future<Void> load = vertx.eventBus().<JsonObject>request(AuthAddresses.KEYS_LIST, new JsonObject(), options)
        .map(Message::body)
        .map(jwks -> {
          install(jwks.getJsonArray("keys", new JsonArray()));
          return (Void) null;
        })
        .compose(v -> afterLoad.get())
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
        .setIssuer(settings.issuer())
        .setAudience(List.of(settings.audience()))
        .setLeeway(settings.leewaySeconds()));
    Set<String> ids = new HashSet<>();
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
    kids = Set.copyOf(ids);
  }
}
