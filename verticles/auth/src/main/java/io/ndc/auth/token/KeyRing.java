package io.ndc.auth.token;

import io.ndc.contract.auth.AuthAddresses;
import io.ndc.auth.AuthSettings;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * The ES256 signing keys, shared by every auth node through PostgreSQL (private halves sealed with the secret key).
 * One key signs until its rotation time; every key keeps verifying until the last token it signed has expired, so
 * rotation never logs anyone out. Creating the next key is serialized across nodes by an advisory lock.
 */
public final class KeyRing {
  public static final String ALG = "ES256";
  private static final long LOCK_ID = 0x4e44435f4b455953L; // "NDC_KEYS"

  private final Vertx vertx;
  private final Pool pg;
  private final SecretBox box;
  private final long rotationSeconds;
  private final long verifySeconds;
  private volatile Signer current;

  /** The key that signs now, ready to use. */
  public record Signer(String kid, JWTAuth jwt, Instant signUntil) {
  }

  public KeyRing(Vertx vertx, Pool pg, SecretBox box, AuthSettings settings) {
    this.vertx = vertx;
    this.pg = pg;
    this.box = box;
    this.rotationSeconds = settings.keyRotationSeconds();
    // a key verifies for one access-token lifetime (plus leeway) after its last signature
    this.verifySeconds = rotationSeconds + settings.accessTtlSeconds() + 60;
  }

  /** The current signer, creating or loading the current key when the cached one is due for rotation. */
  public Future<Signer> signer() {
    Signer s = current;
    if (s != null && Instant.now().isBefore(s.signUntil())) {
      return Future.succeededFuture(s);
    }
    return ensureCurrent().compose(created -> loadCurrent());
  }

  /** Makes sure a key signs now; true when this call created it (and announced it to the gateways). */
  public Future<Boolean> ensureCurrent() {
    return pg.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")").execute()
        .compose(locked -> conn.query("SELECT 1 FROM signing_keys WHERE sign_until > now()").execute())
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(false) : insertNewKey(conn).map(true)))
        .onSuccess(created -> {
          if (created) {
            vertx.eventBus().publish(AuthAddresses.KEYS_CHANGED, new JsonObject());
          }
        });
  }

  private Future<Void> insertNewKey(SqlConnection conn) {
    String kid = UUID.randomUUID().toString();
    JsonObject[] jwk = generate(kid);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return conn.preparedQuery("INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, sign_until, verify_until) "
            + "VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(kid, ALG, jwk[0], io.vertx.core.buffer.Buffer.buffer(box.seal(jwk[1].encode(), context(kid))),
            now.plusSeconds(rotationSeconds), now.plusSeconds(verifySeconds)))
        .mapEmpty();
  }

  private Future<Signer> loadCurrent() {
    return pg.query("SELECT kid, private_jwk, sign_until FROM signing_keys WHERE sign_until > now() "
            + "ORDER BY created_at DESC LIMIT 1").execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          String kid = row.getString("kid");
          JsonObject privateJwk = new JsonObject(box.openString(row.getBuffer("private_jwk").getBytes(), context(kid)));
          Signer s = new Signer(kid, JWTAuth.create(vertx, new JWTAuthOptions().addJwk(privateJwk)),
              row.getOffsetDateTime("sign_until").toInstant());
          current = s;
          return s;
        });
  }

  /** The JWKS document of every key that still verifies. */
  public Future<JsonObject> jwks() {
    return pg.query("SELECT public_jwk FROM signing_keys WHERE verify_until > now() ORDER BY created_at DESC").execute()
        .map(rows -> {
          JsonArray keys = new JsonArray();
          rows.forEach(r -> keys.add(r.getJsonObject("public_jwk")));
          return new JsonObject().put("keys", keys);
        });
  }

  /** Forgets keys nobody can verify with anymore. */
  public Future<Void> prune() {
    return pg.query("DELETE FROM signing_keys WHERE verify_until < now()").execute().mapEmpty();
  }

  private static String context(String kid) {
    return "signing_key:" + kid;
  }

  /** A fresh P-256 key pair as {public JWK, private JWK}. */
  static JsonObject[] generate(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      ECPublicKey pub = (ECPublicKey) pair.getPublic();
      ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
      JsonObject publicJwk = new JsonObject()
          .put("kty", "EC").put("crv", "P-256").put("kid", kid).put("alg", ALG).put("use", "sig")
          .put("x", coordinate(pub.getW().getAffineX()))
          .put("y", coordinate(pub.getW().getAffineY()));
      // the signer's copy has no "use": Vert.x files a key under signing or verifying by it
      JsonObject privateJwk = publicJwk.copy().put("d", coordinate(priv.getS()));
      privateJwk.remove("use");
      return new JsonObject[] {publicJwk, privateJwk};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
