package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * External login against a small OpenID provider started by the test (authorize, token, userinfo, JWKS on a real
 * Vert.x HTTP server) that enforces PKCE S256, single-use codes and client authentication, and signs id tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2LoginTest {
  private static final String CLIENT_ID = "ndc-test";
  private static final String CLIENT_SECRET = "provider-secret";
  private final String database = TestConfig.uniqueDatabase("oauth2");
  private final Map<String, JsonObject> codes = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> accessTokens = new ConcurrentHashMap<>();
  private Vertx providerVertx;
  private HttpServer provider;
  private JWTAuth providerSigner;
  private JsonObject providerPublicJwk;
  private String issuer;
  private volatile JsonObject nextIdentity;
  private volatile boolean wrongNonce;
  private TestNode node;

  @BeforeAll
  void start() throws Exception {
    providerVertx = Vertx.vertx();
    createProviderKey();
    Router router = Router.router(providerVertx);
    router.route().handler(BodyHandler.create());
    router.get("/authorize").handler(this::authorize);
    router.post("/token").handler(this::token);
    router.get("/userinfo").handler(this::userinfo);
    router.get("/jwks").handler(ctx -> ctx.json(new JsonObject().put("keys", new JsonArray().add(providerPublicJwk))));
    provider = providerVertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    issuer = "http://127.0.0.1:" + provider.actualPort();

    JsonObject config = TestNode.config(database);
    config.getJsonObject("auth").put("oauth2", new JsonObject().put("providers", new JsonObject().put("local", new JsonObject()
        .put("issuer", issuer).put("client_id", CLIENT_ID).put("client_secret", CLIENT_SECRET)
        .put("redirect_uri", "http://127.0.0.1/app/callback").put("scopes", new JsonArray().add("openid").add("email")))));
    // every step of these logins is an anonymous request from 127.0.0.1: more than the default anonymous bucket
    config.getJsonObject("gateway").put("rate_limit", new JsonObject()
        .put("anonymous", new JsonObject().put("capacity", 1000).put("per_second", 100)));
    node = TestNode.start(config);
  }

  @AfterAll
  void stop() {
    node.close();
    providerVertx.close().await();
    TestConfig.dropDatabase(database);
  }

  @Test
  void codeFlowWithPkceCreatesAViewerAccount() {
    nextIdentity = identity("sub-new", "new.person@example.org", true);
    JsonObject tokens = loginThroughProvider();
    JsonObject profile = node.get("/api/v1/auth/profile", tokens.getString("access_token")).bodyAsJsonObject().getJsonObject("data");
    assertThat(profile.getString("email")).isEqualTo("new.person@example.org");
    assertThat(profile.getJsonArray("roles")).containsExactly("viewer");
    assertThat(profile.getBoolean("email_verified")).isTrue();

    // the same provider identity comes back to the same account
    JsonObject again = loginThroughProvider();
    assertThat(node.get("/api/v1/auth/profile", again.getString("access_token")).bodyAsJsonObject().getJsonObject("data").getString("id"))
        .isEqualTo(profile.getString("id"));
  }

  @Test
  void aVerifiedEmailLinksTheExistingAccount() {
    JsonObject existing = TestUsers.create(node, "analyst");
    nextIdentity = identity("sub-linked", existing.getString("email"), true);
    JsonObject tokens = loginThroughProvider();
    JsonObject profile = node.get("/api/v1/auth/profile", tokens.getString("access_token")).bodyAsJsonObject().getJsonObject("data");
    assertThat(profile.getString("id")).isEqualTo(existing.getString("id"));
    assertThat(profile.getJsonArray("roles")).containsExactly("analyst");
  }

  @Test
  void anUnverifiedEmailDoesNotLinkOrCreate() {
    JsonObject existing = TestUsers.create(node, "viewer");
    nextIdentity = identity("sub-unverified", existing.getString("email"), false);
    String[] codeAndState = authorize();
    HttpResponse<Buffer> callback = callback(codeAndState[0], codeAndState[1]);
    assertThat(callback.statusCode()).isEqualTo(401);
    assertThat(callback.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("AUTHENTICATION_ERROR");
  }

  @Test
  void stateIsSingleUseAndBoundToItsPkceVerifier() {
    nextIdentity = identity("sub-state", "state@example.org", true);
    String[] first = authorize();
    String[] second = authorize();
    // the code of the first login with the state (hence verifier) of the second: the provider refuses the exchange
    assertThat(callback(first[0], second[1]).statusCode()).isEqualTo(401);
    String[] third = authorize();
    assertThat(callback(third[0], third[1]).statusCode()).isEqualTo(200);
    // the state was consumed: replaying the redirect gets nothing
    assertThat(callback(third[0], third[1]).statusCode()).isEqualTo(401);
    assertThat(callback("x", "made-up-state").statusCode()).isEqualTo(401);
    assertThat(node.get("/api/v1/auth/oauth2/nobody/login", null).statusCode()).isEqualTo(404);
  }

  @Test
  void anIdTokenForAnotherLoginIsRefused() {
    nextIdentity = identity("sub-nonce", "nonce@example.org", true);
    wrongNonce = true;
    try {
      String[] codeAndState = authorize();
      assertThat(callback(codeAndState[0], codeAndState[1]).statusCode()).isEqualTo(401);
    } finally {
      wrongNonce = false;
    }
  }

  private JsonObject loginThroughProvider() {
    String[] codeAndState = authorize();
    HttpResponse<Buffer> callback = callback(codeAndState[0], codeAndState[1]);
    assertThat(callback.statusCode()).as(callback.bodyAsString()).isEqualTo(200);
    return callback.bodyAsJsonObject().getJsonObject("data");
  }

  /** What a browser does: start at NDC, follow to the provider, come back with its redirect's code and state. */
  private String[] authorize() {
    HttpResponse<Buffer> start = node.get("/api/v1/auth/oauth2/local/login", null);
    assertThat(start.statusCode()).isEqualTo(200);
    String url = start.bodyAsJsonObject().getJsonObject("data").getString("authorization_url");
    assertThat(url).startsWith(issuer + "/authorize?").contains("code_challenge_method=S256");
    // a browser navigating to the same address is sent on to the provider
    HttpResponse<Buffer> browser = node.client.get(node.port, "127.0.0.1", "/api/v1/auth/oauth2/local/login")
        .putHeader("Accept", "text/html,application/xhtml+xml").send().await();
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.getHeader("Location")).startsWith(issuer + "/authorize?").contains("code_challenge_method=S256");
    HttpResponse<Buffer> redirect = node.client.getAbs(url).send().await();
    assertThat(redirect.statusCode()).as(redirect.bodyAsString()).isEqualTo(302);
    Map<String, String> query = query(URI.create(redirect.getHeader("Location")).getRawQuery());
    return new String[] {query.get("code"), query.get("state")};
  }

  private HttpResponse<Buffer> callback(String code, String state) {
    return node.get("/api/v1/auth/oauth2/local/callback?code=" + code + "&state=" + state, null);
  }

  private static JsonObject identity(String sub, String email, boolean verified) {
    return new JsonObject().put("sub", sub).put("email", email).put("email_verified", verified).put("name", "Ext " + sub);
  }

  // ---- the provider ----

  private void authorize(RoutingContext ctx) {
    var p = ctx.queryParams();
    if (!CLIENT_ID.equals(p.get("client_id")) || !"code".equals(p.get("response_type"))
        || !"S256".equals(p.get("code_challenge_method")) || p.get("code_challenge") == null) {
      ctx.response().setStatusCode(400).end("bad authorization request");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new JsonObject().put("challenge", p.get("code_challenge")).put("nonce", p.get("nonce"))
        .put("redirect_uri", p.get("redirect_uri")).put("identity", nextIdentity));
    ctx.response().setStatusCode(302)
        .putHeader("Location", p.get("redirect_uri") + "?code=" + code + "&state=" + p.get("state")).end();
  }

  private void token(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    JsonObject grant = codes.remove(form.get("code") == null ? "" : form.get("code"));
    if (grant == null || !"authorization_code".equals(form.get("grant_type")) || !CLIENT_SECRET.equals(form.get("client_secret"))
        || !grant.getString("redirect_uri").equals(form.get("redirect_uri"))
        || !grant.getString("challenge").equals(s256(form.get("code_verifier")))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end("{\"error\":\"invalid_grant\"}");
      return;
    }
    JsonObject identity = grant.getJsonObject("identity");
    String accessToken = UUID.randomUUID().toString();
    accessTokens.put(accessToken, identity);
    String idToken = providerSigner.generateToken(new JsonObject().put("nonce", wrongNonce ? "another-nonce" : grant.getString("nonce")).put("email", identity.getString("email")),
        new JWTOptions().setAlgorithm("ES256").setIssuer(issuer).addAudience(CLIENT_ID).setSubject(identity.getString("sub"))
            .setExpiresInSeconds(300));
    ctx.json(new JsonObject().put("access_token", accessToken).put("token_type", "Bearer").put("id_token", idToken).put("expires_in", 300));
  }

  private void userinfo(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    JsonObject identity = header == null ? null : accessTokens.get(header.replaceFirst("(?i)^Bearer ", ""));
    if (identity == null) {
      ctx.response().setStatusCode(401).end();
      return;
    }
    ctx.json(identity);
  }

  private void createProviderKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = generator.generateKeyPair();
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    providerPublicJwk = new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", "provider-1").put("alg", "ES256").put("use", "sig")
        .put("x", coordinate(pub.getW().getAffineX())).put("y", coordinate(pub.getW().getAffineY()));
    JsonObject privateJwk = providerPublicJwk.copy().put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
    privateJwk.remove("use");
    providerSigner = JWTAuth.create(providerVertx, new JWTAuthOptions().addJwk(privateJwk));
  }

  private static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String coordinate(java.math.BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> map = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return map;
  }
}
