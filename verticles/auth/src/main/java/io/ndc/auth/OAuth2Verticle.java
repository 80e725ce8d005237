package io.ndc.auth;

import io.ndc.auth.crypto.Tokens;
import io.ndc.auth.store.Account;
import io.ndc.auth.token.Sessions;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.contract.auth.Roles;
import io.ndc.platform.bus.BusRequest;
import io.ndc.platform.bus.Handlers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Login through external OpenID Connect / OAuth2 providers (config {@code auth.oauth2.providers}): authorization
 * code with PKCE (S256) and a single-use state. The provider's id token is verified against its JWKS (issuer,
 * audience, nonce) when it sends one, and the user info is read from its userinfo endpoint. An identity is linked
 * to an existing account only through an e-mail address the provider says it verified; otherwise a new viewer
 * account is created.
 */
public final class OAuth2Verticle extends VerticleBase {
  private static final int STATE_TTL_S = 600;
  private AuthContext auth;
  private WebClient http;

  @Override
  public Future<?> start() {
    auth = new AuthContext(vertx, config());
    http = WebClient.create(vertx);
    var bus = vertx.eventBus();
    return Future.all(
        bus.consumer(AuthAddresses.OAUTH2_LOGIN, Handlers.request(this::login)).completion(),
        bus.consumer(AuthAddresses.OAUTH2_CALLBACK, Handlers.request(this::callback)).completion());
  }

  /** One configured provider. */
  private record Provider(String name, JsonObject conf) {
    String get(String key) {
      String value = conf.getString(key);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("auth.oauth2.providers." + name + "." + key + " is not configured");
      }
      return value;
    }

    String issuer() {
      return conf.getString("issuer");
    }

    String endpoint(String key, String path) {
      String explicit = conf.getString(key);
      return explicit != null ? explicit : get("issuer").replaceAll("/$", "") + path;
    }

    String scopes() {
      return conf.getJsonArray("scopes", new JsonArray().add("openid").add("email").add("profile")).stream()
          .map(Object::toString).collect(Collectors.joining(" "));
    }
  }

  private Provider provider(BusRequest request) {
    String name = Input.required(request.body(), "provider", 64);
    JsonObject conf = auth.settings.oauth2Providers().getJsonObject(name);
    if (conf == null) {
      throw Failure.notFound("no OAuth2 provider '" + name + "' is configured");
    }
    return new Provider(name, conf);
  }

  private Future<JsonObject> login(BusRequest request) {
    Provider provider = provider(request);
    String state = Tokens.random(24);
    String verifier = Tokens.random(48);
    String nonce = Tokens.random(16);
    String url = provider.endpoint("authorization_endpoint", "/authorize")
        + "?response_type=code"
        + "&client_id=" + encode(provider.get("client_id"))
        + "&redirect_uri=" + encode(provider.get("redirect_uri"))
        + "&scope=" + encode(provider.scopes())
        + "&state=" + state
        + "&nonce=" + nonce
        + "&code_challenge=" + Tokens.pkceChallenge(verifier)
        + "&code_challenge_method=S256";
    return auth.pg.preparedQuery("INSERT INTO oauth2_states (state_hash, provider, code_verifier, nonce, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Tokens.sha256(state), provider.name(), Buffer.buffer(auth.box.seal(verifier, "pkce:" + state)), nonce,
            OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(STATE_TTL_S)))
        .map(v -> new JsonObject().put("authorization_url", url).put("state", state));
  }

  private Future<JsonObject> callback(BusRequest request) {
    Provider provider = provider(request);
    if (request.body().getString("error") != null) {
      throw new Failure(ErrorCode.AUTHENTICATION_ERROR, "the provider refused the login: " + request.body().getString("error"));
    }
    String code = Input.required(request.body(), "code", 2048);
    String state = Input.required(request.body(), "state", 128);
    return auth.pg.preparedQuery("DELETE FROM oauth2_states WHERE state_hash = $1 AND provider = $2 AND expires_at > now() "
            + "RETURNING code_verifier, nonce")
        .execute(Tuple.of(Tokens.sha256(state), provider.name()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Sessions.invalid("unknown or expired OAuth2 state; start the login again"));
          }
          Row row = rows.iterator().next();
          String verifier = auth.box.openString(row.getBuffer("code_verifier").getBytes(), "pkce:" + state);
          return exchange(provider, code, verifier)
              .compose(tokens -> verifyIdToken(provider, tokens, row.getString("nonce")).map(v -> tokens))
              .compose(tokens -> userInfo(provider, tokens.getString("access_token")));
        })
        .compose(info -> linkedAccount(provider, info))
        .compose(account -> {
          if (!account.active()) {
            return Future.failedFuture(Sessions.invalid("this account is disabled"));
          }
          auth.audit.record("login_oauth2", account.id(), account.id(), request.requestId(),
              new JsonObject().put("provider", provider.name()));
          return account.totpEnabled() ? auth.sessions.mfaChallenge(account.id()) : auth.sessions.open(account.id(), account.roles());
        });
  }

  private Future<JsonObject> exchange(Provider provider, String code, String verifier) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code")
        .add("code", code)
        .add("redirect_uri", provider.get("redirect_uri"))
        .add("client_id", provider.get("client_id"))
        .add("client_secret", provider.get("client_secret"))
        .add("code_verifier", verifier);
    return http.postAbs(provider.endpoint("token_endpoint", "/token")).timeout(10_000).sendForm(form)
        .compose(response -> json(response, "token endpoint"))
        .compose(tokens -> tokens.getString("access_token") == null
            ? Future.failedFuture(upstream("the provider's token response has no access_token"))
            : Future.succeededFuture(tokens));
  }

  /** Checks the id token's signature (provider JWKS), issuer, audience and nonce when the provider sent one. */
  private Future<Void> verifyIdToken(Provider provider, JsonObject tokens, String nonce) {
    String idToken = tokens.getString("id_token");
    if (idToken == null) {
      return Future.succeededFuture();
    }
    return http.getAbs(provider.endpoint("jwks_uri", "/jwks")).timeout(10_000).send()
        .compose(response -> json(response, "JWKS endpoint"))
        .compose(jwks -> {
          JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
              .setIssuer(provider.issuer()).addAudience(provider.get("client_id")));
          jwks.getJsonArray("keys", new JsonArray()).forEach(k -> {
            JsonObject key = ((JsonObject) k).copy();
            key.remove("use");
            options.addJwk(key);
          });
          return JWTAuth.create(vertx, options).authenticate(new TokenCredentials(idToken));
        })
        .recover(e -> Future.failedFuture(e instanceof Failure ? e : Sessions.invalid("the provider's id token is not valid")))
        .compose(user -> nonce.equals(user.attributes().getJsonObject("accessToken", new JsonObject()).getString("nonce")) ? Future.<Void>succeededFuture()
            : Future.failedFuture(Sessions.invalid("the provider's id token does not carry this login's nonce")));
  }

  private Future<JsonObject> userInfo(Provider provider, String accessToken) {
    return http.getAbs(provider.endpoint("userinfo_endpoint", "/userinfo")).timeout(10_000)
        .bearerTokenAuthentication(accessToken).send()
        .compose(response -> json(response, "userinfo endpoint"))
        .compose(info -> info.getString("sub") == null
            ? Future.failedFuture(upstream("the provider's userinfo has no sub")) : Future.succeededFuture(info));
  }

  private Future<Account> linkedAccount(Provider provider, JsonObject info) {
    String subject = info.getString("sub");
    return auth.pg.preparedQuery("SELECT user_id::text FROM oauth2_links WHERE provider = $1 AND subject = $2")
        .execute(Tuple.of(provider.name(), subject))
        .compose(rows -> {
          if (rows.size() > 0) {
            return auth.accounts.require(rows.iterator().next().getString(0));
          }
          String email = info.getString("email");
          if (email == null || !Boolean.TRUE.equals(info.getValue("email_verified"))) {
            return Future.failedFuture(new Failure(ErrorCode.AUTHENTICATION_ERROR,
                "the provider did not confirm a verified e-mail address; cannot link or create an account"));
          }
          return auth.accounts.byEmail(email)
              .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> auth.accounts.create(email,
                  info.getString("name", email), null, true, List.of(Roles.VIEWER))))
              .compose(account -> auth.pg.preparedQuery("INSERT INTO oauth2_links (provider, subject, user_id) VALUES ($1, $2, $3) "
                      + "ON CONFLICT DO NOTHING")
                  .execute(Tuple.of(provider.name(), subject, UUID.fromString(account.id())))
                  .map(v -> account));
        });
  }

  private static Future<JsonObject> json(HttpResponse<Buffer> response, String what) {
    if (response.statusCode() != 200) {
      return Future.failedFuture(new Failure(ErrorCode.AUTHENTICATION_ERROR,
          "the provider's " + what + " answered " + response.statusCode()));
    }
    try {
      return Future.succeededFuture(response.bodyAsJsonObject());
    } catch (RuntimeException e) {
      return Future.failedFuture(upstream("the provider's " + what + " did not answer JSON"));
    }
  }

  private static Failure upstream(String message) {
    return new Failure(502, ErrorCode.SERVICE_UNAVAILABLE, message, null);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public Future<?> stop() {
    http.close();
    auth.close();
    return Future.succeededFuture();
  }
}
