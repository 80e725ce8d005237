package io.ndc.auth.token;

import io.ndc.auth.crypto.Tokens;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.auth.AuthSettings;
import io.ndc.platform.security.JoseSignatures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Access and refresh tokens. A login opens a token family; each refresh token is single-use and is replaced by the
 * next one of its family. Presenting a used refresh token means it was copied: the whole family is revoked and its
 * access tokens are refused by every gateway at once (a {@link AuthAddresses#TOKENS_REVOKED} publication).
 */
public final class Sessions {
  private static final int MFA_CHALLENGE_TTL_S = 300;
  private final Vertx vertx;
  private final Pool pg;
  private final KeyRing keys;
  private final String issuer;
  private final String audience;
  private final int accessTtl;
  private final long refreshTtl;

  /** What a refresh or logout found out about a refresh token. */
  public record Family(String familyId, String userId) {
  }

  public Sessions(Vertx vertx, Pool pg, KeyRing keys, AuthSettings settings) {
    this.vertx = vertx;
    this.pg = pg;
    this.keys = keys;
    this.issuer = settings.issuer();
    this.audience = settings.audience();
    this.accessTtl = settings.accessTtlSeconds();
    this.refreshTtl = settings.refreshTtlSeconds();
  }

  /** A signed access token for a subject (a user id or {@code client:<id>}) with its roles. */
  public Future<String> accessToken(String subject, List<String> roles, String sessionId) {
    return keys.signer().map(signer -> {
      // issued_ms orders a token against a revocation made within the same second as its iat
      JsonObject claims = new JsonObject().put("roles", new JsonArray(roles)).put("jti", UUID.randomUUID().toString())
          .put("issued_ms", System.currentTimeMillis());
      if (sessionId != null) {
        claims.put("sid", sessionId);
      }
      return JoseSignatures.canonicalize(signer.jwt().generateToken(claims, new JWTOptions()
          .setAlgorithm(KeyRing.ALG)
          .setExpiresInSeconds(accessTtl)
          .setIssuer(issuer)
          .addAudience(audience)
          .setSubject(subject)));
    });
  }

  public int accessTtl() {
    return accessTtl;
  }

  /** The answer to a correct password of a user with 2FA: a short-lived token to present with the code. */
  public Future<JsonObject> mfaChallenge(String userId) {
    String token = Tokens.random(32);
    return pg.preparedQuery("INSERT INTO mfa_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .execute(Tuple.of(Tokens.sha256(token), UUID.fromString(userId),
            OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(MFA_CHALLENGE_TTL_S)))
        .map(v -> new JsonObject().put("mfa_required", true).put("mfa_token", token).put("expires_in", MFA_CHALLENGE_TTL_S));
  }

  /** Opens a family and returns the token pair of a fresh login. */
  public Future<JsonObject> open(String userId, List<String> roles) {
    return pg.preparedQuery("INSERT INTO token_families (user_id) VALUES ($1) RETURNING id::text")
        .execute(Tuple.of(UUID.fromString(userId)))
        .compose(rows -> issuePair(rows.iterator().next().getString(0), userId, roles));
  }

  private Future<JsonObject> issuePair(String familyId, String userId, List<String> roles) {
    String refresh = Tokens.random(32);
    return pg.preparedQuery("INSERT INTO refresh_tokens (token_hash, family_id, expires_at) VALUES ($1, $2::uuid, $3)")
        .execute(Tuple.of(Tokens.sha256(refresh), familyId, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(refreshTtl)))
        .compose(v -> accessToken(userId, roles, familyId))
        .map(access -> new JsonObject()
            .put("access_token", access)
            .put("refresh_token", refresh)
            .put("token_type", "bearer")
            .put("expires_in", accessTtl));
  }

  /** The family a refresh token belongs to, changing nothing (a request refused for its owner must not burn it). */
  public Future<Family> owner(String refreshToken) {
    return pg.preparedQuery("SELECT t.family_id::text AS family_id, f.user_id::text AS user_id FROM refresh_tokens t"
            + " JOIN token_families f ON f.id = t.family_id WHERE t.token_hash = $1")
        .execute(Tuple.of(Tokens.sha256(refreshToken)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(invalid("refresh token is not valid"))
            : Future.succeededFuture(new Family(rows.iterator().next().getString("family_id"),
                rows.iterator().next().getString("user_id"))));
  }

  /**
   * Uses a refresh token once. Returns its family when it was valid and unused; on reuse revokes the family and
   * fails with 401 (and {@code details.reuse=true} so the caller can audit it).
   */
  public Future<Family> consume(String refreshToken) {
    String hash = Tokens.sha256(refreshToken);
    return pg.preparedQuery("SELECT t.family_id::text AS family_id, f.user_id::text AS user_id, f.revoked_at, "
            + "t.used_at, t.expires_at < now() AS expired FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id "
            + "WHERE t.token_hash = $1")
        .execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(invalid("refresh token is not valid"));
          }
          Row row = rows.iterator().next();
          Family family = new Family(row.getString("family_id"), row.getString("user_id"));
          if (row.getValue("revoked_at") != null || row.getBoolean("expired")) {
            return Future.failedFuture(invalid("refresh token is revoked or expired"));
          }
          if (row.getValue("used_at") != null) {
            return reuse(family);
          }
          // the condition on used_at makes two concurrent uses of one token end as one success and one reuse
          return pg.preparedQuery("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL")
              .execute(Tuple.of(hash))
              .compose(updated -> updated.rowCount() == 1 ? Future.succeededFuture(family) : reuse(family));
        });
  }

  private Future<Family> reuse(Family family) {
    return revokeFamily(family.familyId(), "refresh token reuse")
        .compose(v -> Future.failedFuture(new Failure(401, ErrorCode.AUTHENTICATION_ERROR,
            "refresh token was already used; the session has been revoked",
            new JsonObject().put("reuse", true).put("user_id", family.userId()))));
  }

  /** The next pair of a family whose token was just consumed, with the user's current roles. */
  public Future<JsonObject> rotate(Family family, List<String> roles) {
    return issuePair(family.familyId(), family.userId(), roles);
  }

  public Future<Void> revokeFamily(String familyId, String reason) {
    return pg.preparedQuery("UPDATE token_families SET revoked_at = now(), revoke_reason = $2 WHERE id = $1::uuid AND revoked_at IS NULL")
        .execute(Tuple.of(familyId, reason))
        .compose(v -> revokeAccess("sid:" + familyId));
  }

  /** Every session of a user (disabled account, new roles, password change). */
  public Future<Void> revokeUser(String userId, String reason) {
    return pg.preparedQuery("UPDATE token_families SET revoked_at = now(), revoke_reason = $2 WHERE user_id = $1::uuid AND revoked_at IS NULL")
        .execute(Tuple.of(userId, reason))
        .compose(v -> revokeAccess("user:" + userId));
  }

  /** The user's access tokens issued up to now stop working; their sessions stay, so a refresh gets a new token. */
  public Future<Void> revokeUserAccess(String userId) {
    return revokeAccess("user:" + userId);
  }

  /** Access tokens under {@code key} issued up to now are refused until they would have expired anyway. */
  private Future<Void> revokeAccess(String key) {
    long before = System.currentTimeMillis();
    OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(accessTtl + 60L);
    return pg.preparedQuery("INSERT INTO revocations (key, before_ms, until) VALUES ($1, $2, $3) "
            + "ON CONFLICT (key) DO UPDATE SET before_ms = excluded.before_ms, until = excluded.until")
        .execute(Tuple.of(key, before, until))
        .onSuccess(v -> vertx.eventBus().publish(AuthAddresses.TOKENS_REVOKED, revocation(key, before, until)))
        .mapEmpty();
  }

  private static JsonObject revocation(String key, long before, OffsetDateTime until) {
    return new JsonObject().put("key", key).put("before_ms", before).put("until", until.toEpochSecond());
  }

  public Future<JsonObject> activeRevocations() {
    return pg.query("SELECT key, before_ms, until FROM revocations WHERE until > now()").execute().map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(revocation(r.getString("key"), r.getLong("before_ms"), r.getOffsetDateTime("until"))));
      return new JsonObject().put("revocations", list);
    });
  }

  /** Whether access tokens with these claims were revoked after they were issued. */
  public Future<Boolean> isRevoked(JsonObject claims) {
    long issuedMs = claims.getLong("issued_ms", claims.getLong("iat", 0L) * 1000);
    String sid = claims.getString("sid");
    return pg.preparedQuery("SELECT 1 FROM revocations WHERE key = ANY($1) AND before_ms >= $2 AND until > now()")
        .execute(Tuple.of(new String[] {"user:" + claims.getString("sub"), "sid:" + sid}, issuedMs))
        .map(rows -> rows.size() > 0);
  }

  /** Verifies an access token against the published keys, its claims and the revocations. */
  public Future<JsonObject> verify(String token) {
    return keys.jwks().compose(jwks -> {
      JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
          .setIssuer(issuer).addAudience(audience).setLeeway(5));
      jwks.getJsonArray("keys").forEach(k -> {
        JsonObject key = ((JsonObject) k).copy();
        key.remove("use");
        options.addJwk(key);
      });
      // only our algorithm: "none" and HMAC tokens never reach the signature check
      if (!KeyRing.ALG.equals(algorithmOf(token))) {
        return Future.failedFuture(invalid("access token is not valid"));
      }
      return JWTAuth.create(vertx, options).authenticate(new TokenCredentials(token));
    }).recover(e -> Future.failedFuture(e instanceof Failure ? e : invalid("access token is not valid or has expired")))
        .compose(user -> {
          JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
          if (claims.getString("sub") == null || claims.getValue("exp") == null) {
            return Future.failedFuture(invalid("access token lacks a subject or an expiry"));
          }
          return isRevoked(claims).compose(revoked -> revoked ? Future.failedFuture(invalid("access token has been revoked"))
              : Future.succeededFuture(new JsonObject()
                  .put("user_id", claims.getString("sub"))
                  .put("roles", claims.getJsonArray("roles", new JsonArray()))
                  .put("expires_at", java.time.Instant.ofEpochSecond(claims.getLong("exp")).toString())));
        });
  }

  private static String algorithmOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
          java.nio.charset.StandardCharsets.UTF_8)).getString("alg");
    } catch (RuntimeException e) {
      return null;
    }
  }

  public Future<Void> prune() {
    return pg.query("DELETE FROM revocations WHERE until < now()").execute()
        .compose(v -> pg.query("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'").execute())
        .compose(v -> pg.query("DELETE FROM mfa_challenges WHERE expires_at < now()").execute())
        .compose(v -> pg.query("DELETE FROM oauth2_states WHERE expires_at < now()").execute())
        .mapEmpty();
  }

  public static Failure invalid(String message) {
    return new Failure(ErrorCode.AUTHENTICATION_ERROR, message);
  }
}
