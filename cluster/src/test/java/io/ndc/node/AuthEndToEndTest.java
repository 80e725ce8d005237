package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.auth.crypto.Totp;
import io.ndc.contract.auth.Roles;
import io.ndc.gateway.http.RouteSpec;
import io.ndc.gateway.routes.RouteTable;
import io.ndc.gateway.security.AccessPolicy;
import io.ndc.platform.security.JoseSignatures;
import io.ndc.platform.security.SecretBox;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Accounts and access through the real gateway and auth service, PostgreSQL and Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthEndToEndTest {
  private final String database = TestConfig.uniqueDatabase("auth_e2e");
  private TestNode node;

  @BeforeAll
  void start() {
    JsonObject config = TestNode.config(database);
    // the RBAC walk sends many requests per role; limits are tested in RateLimitTwoNodesTest
    config.getJsonObject("gateway").put("rate_limit", new JsonObject().put("enabled", false));
    node = TestNode.start(config);
  }

  @AfterAll
  void stop() {
    node.close();
    TestConfig.dropDatabase(database);
  }

  private static JsonObject data(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("data");
  }

  private static String errorCode(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  @Test
  void registerLoginProfileAndValidation() {
    HttpResponse<Buffer> registered = node.post("/api/v1/auth/register", null,
        new JsonObject().put("email", "reg@ndc.test").put("password", "long enough pw").put("name", "Reg"));
    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(data(registered).getJsonArray("roles")).containsExactly("viewer");
    assertThat(data(registered).containsKey("password_hash")).isFalse();

    // a taken address is answered as a free one (no enumeration), and nothing of the owner's account changes
    HttpResponse<Buffer> again = node.post("/api/v1/auth/register", null,
        new JsonObject().put("email", "REG@ndc.test").put("password", "another long pw").put("name", "Reg"));
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(data(again).fieldNames()).isEqualTo(data(registered).fieldNames());
    assertThat(data(again).getString("id")).isNotEqualTo(data(registered).getString("id"));
    assertThat(node.post("/api/v1/auth/login", null, new JsonObject().put("email", "reg@ndc.test")
        .put("password", "another long pw")).statusCode()).isEqualTo(401);
    assertThat(node.post("/api/v1/auth/login", null, new JsonObject().put("email", "reg@ndc.test")
        .put("password", "long enough pw")).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> badEmail = node.post("/api/v1/auth/register", null,
        new JsonObject().put("email", "nope").put("password", "long enough pw").put("name", "x"));
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(errorCode(badEmail)).isEqualTo("VALIDATION_ERROR");
    HttpResponse<Buffer> shortPassword = node.post("/api/v1/auth/register", null,
        new JsonObject().put("email", "short@ndc.test").put("password", "short").put("name", "x"));
    assertThat(shortPassword.statusCode()).isEqualTo(400);

    JsonObject tokens = TestUsers.login(node, "reg@ndc.test", "long enough pw");
    assertThat(tokens.getString("token_type")).isEqualTo("bearer");
    assertThat(tokens.getInteger("expires_in")).isEqualTo(900);
    HttpResponse<Buffer> profile = node.get("/api/v1/auth/profile", tokens.getString("access_token"));
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(data(profile).getString("email")).isEqualTo("reg@ndc.test");

    HttpResponse<Buffer> wrong = node.post("/api/v1/auth/login", null, new JsonObject().put("email", "reg@ndc.test").put("password", "wrong password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(errorCode(wrong)).isEqualTo("AUTHENTICATION_ERROR");
  }

  @Test
  void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    String firstRefresh = user.getString("refresh_token");
    HttpResponse<Buffer> rotated = node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", firstRefresh));
    assertThat(rotated.statusCode()).isEqualTo(200);
    JsonObject second = data(rotated);
    assertThat(second.getString("refresh_token")).isNotEqualTo(firstRefresh);
    assertThat(node.get("/api/v1/auth/profile", second.getString("access_token")).statusCode()).isEqualTo(200);

    // a thief replays the first token: refused, and the legitimate holder's newer tokens die with the family
    HttpResponse<Buffer> replay = node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", firstRefresh));
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", second.getString("refresh_token"))).statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> revokedAccess = node.get("/api/v1/auth/profile", second.getString("access_token"));
    assertThat(revokedAccess.statusCode()).isEqualTo(401);
    assertThat(revokedAccess.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("revoked");

    HttpResponse<Buffer> audit = node.get("/api/v1/users/" + user.getString("id") + "/audit?event=refresh_reuse",
        TestUsers.adminToken(node));
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(data(audit).getJsonArray("items")).hasSize(1);
  }

  @Test
  void aLogoutRefusedForAnotherUsersTokenLeavesThatSessionAsItWas() {
    JsonObject owner = TestUsers.create(node, Roles.ANALYST);
    JsonObject intruder = TestUsers.create(node, Roles.VIEWER);
    HttpResponse<Buffer> refused = node.post("/api/v1/auth/logout", intruder.getString("access_token"),
        new JsonObject().put("refresh_token", owner.getString("refresh_token")));
    assertThat(refused.statusCode()).isEqualTo(401);
    // the owner's token is unused: it refreshes, and the family is not revoked as a reuse
    HttpResponse<Buffer> refreshed = node.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", owner.getString("refresh_token")));
    assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", data(refreshed).getString("access_token")).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadAuditFilterOrAMistypedFieldIs400NeverIgnored() {
    String admin = TestUsers.adminToken(node);
    assertThat(node.get("/api/v1/users/not-a-uuid/audit", admin).statusCode()).isEqualTo(400);
    assertThat(node.get("/api/v1/audit?user_id=not-a-uuid", admin).statusCode()).isEqualTo(400);
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    HttpResponse<Buffer> mistyped = node.call(HttpMethod.PATCH, "/api/v1/users/" + user.getString("id"), admin,
        new JsonObject().put("email_verified", "str"));
    assertThat(mistyped.statusCode()).isEqualTo(400);
    assertThat(mistyped.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("email_verified");
  }

  @Test
  void logoutEndsTheSessionEverywhere() {
    JsonObject user = TestUsers.create(node, Roles.ANALYST);
    String access = user.getString("access_token");
    HttpResponse<Buffer> out = node.post("/api/v1/auth/logout", access, new JsonObject().put("refresh_token", user.getString("refresh_token")));
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", access).statusCode()).isEqualTo(401);
    assertThat(node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", user.getString("refresh_token"))).statusCode())
        .isEqualTo(401);
  }

  @Test
  void forgedAndMalformedTokensAreAuthenticationErrors() throws Exception {
    String good = TestUsers.tokenFor(node, Roles.ADMIN);
    String[] parts = good.split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String kid = header.getString("kid");

    List<String> forged = new ArrayList<>();
    forged.add(null);
    forged.add("not-a-token");
    // tampered signature
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[10] ^= 1;
    forged.add(parts[0] + "." + parts[1] + "." + b64(signature));
    // tampered claims (promote a role) with the original signature
    forged.add(parts[0] + "." + b64(claims.copy().put("roles", new JsonArray().add("admin").add("x")).encode()) + "." + parts[2]);
    // alg: none
    forged.add(b64(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid).encode()) + "." + parts[1] + ".");
    forged.add(b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + parts[1]);
    // HS256 with the public key as the HMAC secret (algorithm confusion)
    forged.add(JWTAuth.create(node.vertx, new JWTAuthOptions().addJwk(new JsonObject().put("kty", "oct").put("kid", kid)
        .put("alg", "HS256").put("k", b64("secret".getBytes(StandardCharsets.UTF_8)))))
        .generateToken(claims.copy(), new JWTOptions().setAlgorithm("HS256")));
    // signed by another key: unknown kid, and the real kid
    JsonObject foreign = foreignKey(UUID.randomUUID().toString());
    forged.add(sign(foreign, claims));
    forged.add(sign(foreignKey(kid), claims));
    // signed by the real key (read back from the database with the secret key), with bad claims
    JsonObject real = realPrivateKey(kid);
    long now = System.currentTimeMillis() / 1000;
    forged.add(sign(real, claims.copy().put("exp", now - 120).put("iat", now - 1000)));
    forged.add(sign(real, claims.copy().put("iss", "someone-else")));
    forged.add(sign(real, claims.copy().put("aud", "another-api")));
    forged.add(sign(real, claims.copy().put("exp", now - 3600).put("iat", now - 4000)));
    // the same signature spelled otherwise: one token has one spelling
    forged.addAll(respelled(good));

    for (String token : forged) {
      HttpResponse<Buffer> response = node.get("/api/v1/users", token);
      assertThat(response.statusCode()).as("token " + token).isEqualTo(401);
      assertThat(errorCode(response)).isEqualTo("AUTHENTICATION_ERROR");
    }
    // the same key with untouched claims is accepted: the refusals above are about what was changed
    assertThat(node.get("/api/v1/users", sign(real, claims)).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/users", good).statusCode()).isEqualTo(200);
  }

  @Test
  void everyRouteRefusesRolesWithoutItsPermission() {
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    for (String role : Roles.names()) {
      tokens.put(role, TestUsers.tokenFor(node, role));
    }
    List<String> wrong = new ArrayList<>();
    for (RouteSpec spec : RouteTable.all()) {
      String path = spec.fullPath(name -> UUID.randomUUID().toString());
      JsonObject body = spec.method() == HttpMethod.GET ? null : new JsonObject();
      if (!AccessPolicy.isKnown(spec.permission()) || spec.permission().equals("public")) {
        continue;
      }
      int anonymous = node.call(spec.method(), path, null, body).statusCode();
      if (anonymous != 401) {
        wrong.add("anonymous " + spec.method() + " " + path + " -> " + anonymous);
      }
      for (var entry : tokens.entrySet()) {
        boolean allowed = Roles.grants(List.of(entry.getKey()), spec.permission());
        HttpResponse<Buffer> response = node.call(spec.method(), path, entry.getValue(), body);
        int status = response.statusCode();
        boolean ok = allowed ? status != 401 && status != 403 : status == 403 && "AUTHORIZATION_ERROR".equals(errorCode(response));
        if (!ok) {
          wrong.add(entry.getKey() + " " + spec.method() + " " + path + " (" + spec.permission() + ") -> " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theTokenVerifyAddressAnswersForOtherCallers() {
    JsonObject user = TestUsers.create(node, Roles.ANALYST);
    JsonObject reply = node.vertx.eventBus().<JsonObject>request(io.ndc.contract.auth.AuthAddresses.TOKEN_VERIFY,
        new JsonObject().put("token", user.getString("access_token"))).await().body();
    assertThat(reply.getString("user_id")).isEqualTo(user.getString("id"));
    assertThat(reply.getJsonArray("roles")).containsExactly("analyst");
    node.post("/api/v1/auth/logout", user.getString("access_token"), new JsonObject().put("refresh_token", user.getString("refresh_token")));
    for (String token : List.of(user.getString("access_token"), "garbage", user.getString("access_token") + "x")) {
      Throwable failure = node.vertx.eventBus().request(io.ndc.contract.auth.AuthAddresses.TOKEN_VERIFY, new JsonObject().put("token", token))
          .map(m -> (Throwable) null).otherwise(e -> e).await();
      assertThat(failure).isInstanceOf(io.vertx.core.eventbus.ReplyException.class);
      assertThat(((io.vertx.core.eventbus.ReplyException) failure).failureCode()).isEqualTo(401);
    }
  }

  @Test
  void roleChangesApplyAtOnceAndARefreshCarriesTheNewRoles() {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    String admin = TestUsers.adminToken(node);
    assertThat(node.get("/api/v1/system/services/auth", user.getString("access_token")).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> set = node.call(HttpMethod.PUT, "/api/v1/users/" + user.getString("id") + "/roles", admin,
        new JsonObject().put("roles", new JsonArray().add("operator")));
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", user.getString("access_token")).statusCode()).isEqualTo(401);
    JsonObject fresh = data(node.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", user.getString("refresh_token"))));
    assertThat(node.get("/api/v1/system/services/auth", fresh.getString("access_token")).statusCode()).isEqualTo(200);
    assertThat(data(node.get("/api/v1/users/" + user.getString("id") + "/roles", admin)).getJsonArray("roles")).containsExactly("operator");
    HttpResponse<Buffer> unknownRole = node.call(HttpMethod.PUT, "/api/v1/users/" + user.getString("id") + "/roles", admin,
        new JsonObject().put("roles", new JsonArray().add("superuser")));
    assertThat(unknownRole.statusCode()).isEqualTo(400);

    HttpResponse<Buffer> disabled = node.call(HttpMethod.PATCH, "/api/v1/users/" + user.getString("id"), admin,
        new JsonObject().put("status", "disabled"));
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", fresh.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(node.post("/api/v1/auth/login", null, new JsonObject().put("email", user.getString("email"))
        .put("password", TestUsers.PASSWORD)).statusCode()).isEqualTo(401);
  }

  @Test
  void twoFactorLoginNeedsTheCodeAndRefusesReplays() {
    JsonObject user = TestUsers.create(node, Roles.ANALYST);
    String access = user.getString("access_token");
    JsonObject setup = data(node.post("/api/v1/auth/2fa/setup", access, new JsonObject()));
    String secret = setup.getString("secret");
    assertThat(setup.getString("otpauth_uri")).startsWith("otpauth://totp/NDC:").contains("secret=" + secret);
    assertThat(setup.getJsonArray("recovery_codes")).hasSize(10);

    long step = Totp.stepAt(System.currentTimeMillis() / 1000);
    assertThat(node.post("/api/v1/auth/2fa/enable", access, new JsonObject().put("code", "000000")).statusCode())
        .isIn(400);
    assertThat(node.post("/api/v1/auth/2fa/enable", access, new JsonObject().put("code", Totp.code(secret, step))).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> login = node.post("/api/v1/auth/login", null,
        new JsonObject().put("email", user.getString("email")).put("password", TestUsers.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(data(login).getBoolean("mfa_required")).isTrue();
    assertThat(data(login).containsKey("access_token")).isFalse();
    String mfaToken = data(login).getString("mfa_token");

    // the code that enabled 2FA was for this step: replaying it is refused
    assertThat(node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", mfaToken)
        .put("code", Totp.code(secret, step))).statusCode()).isEqualTo(401);
    // the next step's code (a clock one step ahead) is accepted once
    HttpResponse<Buffer> verified = node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", mfaToken)
        .put("code", Totp.code(secret, step + 1)));
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/auth/profile", data(verified).getString("access_token")).statusCode()).isEqualTo(200);

    String mfaToken2 = data(node.post("/api/v1/auth/login", null,
        new JsonObject().put("email", user.getString("email")).put("password", TestUsers.PASSWORD))).getString("mfa_token");
    assertThat(node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", mfaToken2)
        .put("code", Totp.code(secret, step + 1))).statusCode()).isEqualTo(401);
    String recovery = setup.getJsonArray("recovery_codes").getString(0);
    assertThat(node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", mfaToken2).put("code", recovery)).statusCode())
        .isEqualTo(200);
    String mfaToken3 = data(node.post("/api/v1/auth/login", null,
        new JsonObject().put("email", user.getString("email")).put("password", TestUsers.PASSWORD))).getString("mfa_token");
    assertThat(node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", mfaToken3).put("code", recovery)).statusCode())
        .isEqualTo(401);
    assertThat(node.post("/api/v1/auth/2fa/verify", null, new JsonObject().put("mfa_token", "made-up").put("code", "123456")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void failedLoginsAreThrottledPerAccount() {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    JsonObject wrong = new JsonObject().put("email", user.getString("email")).put("password", "not the password");
    for (int i = 0; i < 5; i++) {
      assertThat(node.post("/api/v1/auth/login", null, wrong).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> limited = node.post("/api/v1/auth/login", null,
        new JsonObject().put("email", user.getString("email")).put("password", TestUsers.PASSWORD));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(errorCode(limited)).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 900);
    // another account is not affected
    assertThat(node.post("/api/v1/auth/login", null, new JsonObject().put("email", TestNode.ADMIN_EMAIL)
        .put("password", TestNode.ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void apiClientsGetTokensByClientCredentials() {
    String admin = TestUsers.adminToken(node);
    HttpResponse<Buffer> created = node.post("/api/v1/clients", admin, new JsonObject().put("name", "etl").put("roles", new JsonArray().add("operator")));
    assertThat(created.statusCode()).isEqualTo(201);
    String clientId = data(created).getString("client_id");
    String secret = data(created).getString("client_secret");

    HttpResponse<Buffer> form = node.client.post(node.port, "127.0.0.1", "/api/v1/auth/oauth2/token")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials")
            .add("client_id", clientId).add("client_secret", secret)).await();
    assertThat(form.statusCode()).isEqualTo(200);
    String token = data(form).getString("access_token");
    assertThat(data(form).containsKey("refresh_token")).isFalse();
    assertThat(node.get("/api/v1/system/services/auth", token).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/v1/users", token).statusCode()).isEqualTo(403);

    HttpResponse<Buffer> basic = node.client.post(node.port, "127.0.0.1", "/api/v1/auth/oauth2/token")
        .basicAuthentication(clientId, secret).sendJsonObject(new JsonObject().put("grant_type", "client_credentials")).await();
    assertThat(basic.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> bad = node.client.post(node.port, "127.0.0.1", "/api/v1/auth/oauth2/token")
        .basicAuthentication(clientId, "wrong").sendJsonObject(new JsonObject().put("grant_type", "client_credentials")).await();
    assertThat(bad.statusCode()).isEqualTo(401);
  }

  @Test
  void jwksIsPublishedAtTheRootWithoutPrivateParts() {
    HttpResponse<Buffer> jwks = node.get("/.well-known/jwks.json", null);
    assertThat(jwks.statusCode()).isEqualTo(200);
    JsonArray keys = jwks.bodyAsJsonObject().getJsonArray("keys");
    assertThat(keys).isNotEmpty();
    JsonObject key = keys.getJsonObject(0);
    assertThat(key.getString("kty")).isEqualTo("EC");
    assertThat(key.getString("alg")).isEqualTo("ES256");
    assertThat(key.getString("kid")).isNotBlank();
    assertThat(key.containsKey("d")).isFalse();
  }

  @Test
  void secretsAreNotReadableInTheDatabase() throws Exception {
    JsonObject user = TestUsers.create(node, Roles.VIEWER);
    String secret = data(node.post("/api/v1/auth/2fa/setup", user.getString("access_token"), new JsonObject())).getString("secret");
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT encode(totp_secret, 'escape') AS seed, password_hash FROM auth.users WHERE email = '"
          + user.getString("email") + "'");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("seed")).isNotNull().doesNotContain(secret);
      assertThat(rs.getString("password_hash")).startsWith("$argon2id$").doesNotContain(TestUsers.PASSWORD);
      rs = s.executeQuery("SELECT encode(private_jwk, 'escape') AS k FROM auth.signing_keys");
      while (rs.next()) {
        assertThat(rs.getString("k")).doesNotContain("\"d\"").doesNotContain("\"kty\"");
      }
      rs = s.executeQuery("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = '" + user.getString("refresh_token") + "'");
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  private Connection jdbc() throws Exception {
    return DriverManager.getConnection("jdbc:" + TestConfig.PG_SERVER.replace("postgresql://postgres@", "postgresql://") + "/" + database,
        "postgres", null);
  }

  /** The real private signing key, opened with the node's secret key: lets the test sign tokens with bad claims. */
  private JsonObject realPrivateKey(String kid) throws Exception {
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT private_jwk FROM auth.signing_keys WHERE kid = '" + kid + "'");
      assertThat(rs.next()).isTrue();
      SecretBox box = SecretBox.fromConfig(node.config);
      return new JsonObject(box.openString(rs.getBytes(1), "signing_key:" + kid));
    }
  }

  private static JsonObject foreignKey(String kid) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = generator.generateKeyPair();
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", kid).put("alg", "ES256")
        .put("x", coordinate(pub.getW().getAffineX())).put("y", coordinate(pub.getW().getAffineY()))
        .put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
  }

  private String sign(JsonObject privateJwk, JsonObject claims) {
    // written as the issuer writes tokens: the JOSE form with a low S
    return JoseSignatures.canonicalize(JWTAuth.create(node.vertx, new JWTAuthOptions().addJwk(privateJwk))
        .generateToken(claims.copy(), new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true)));
  }

  /** The other spellings of a valid signature: (r, n - s), and (r, s) DER-encoded. */
  private static List<String> respelled(String token) {
    String[] parts = token.split("\\.");
    byte[] jose = Base64.getUrlDecoder().decode(parts[2]);
    java.math.BigInteger order = new java.math.BigInteger(
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    java.math.BigInteger r = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(jose, 0, 32));
    java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(jose, 32, 64));
    byte[] highS = java.util.Arrays.copyOf(jose, 64);
    byte[] twin = Base64.getUrlDecoder().decode(coordinate(order.subtract(s)));
    System.arraycopy(twin, 0, highS, 32, 32);
    byte[] rDer = r.toByteArray();
    byte[] sDer = s.toByteArray();
    java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
    der.write(0x30);
    der.write(4 + rDer.length + sDer.length);
    der.write(0x02);
    der.write(rDer.length);
    der.writeBytes(rDer);
    der.write(0x02);
    der.write(sDer.length);
    der.writeBytes(sDer);
    String head = parts[0] + "." + parts[1] + ".";
    return List.of(head + b64(highS), head + b64(der.toByteArray()));
  }

  private static String coordinate(java.math.BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return b64(fixed);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }
}
