package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.Failure;
import io.ndc.contract.auth.AuthAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RequestMapper;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Accounts, sessions, second factor, OAuth2, signing keys, user administration and the audit log. */
public final class AuthRoutes {
  private AuthRoutes() {
  }

  public static List<RouteSpec> rows() {
    return List.of(
        route(HttpMethod.POST, "/auth/register").permission(Permissions.PUBLIC).address(AuthAddresses.USERS_REGISTER)
            .json().status(201).doc("auth", "Create an account {email, password, name}; new users get the viewer role").build(),
        route(HttpMethod.POST, "/auth/login").permission(Permissions.PUBLIC).address(AuthAddresses.SESSION_LOGIN)
            .json().doc("auth", "Log in {email, password}: the token pair, or {mfa_required, mfa_token} for 2FA users").build(),
        route(HttpMethod.POST, "/auth/refresh").permission(Permissions.PUBLIC).address(AuthAddresses.SESSION_REFRESH)
            .json().doc("auth", "Trade a refresh token (single use) for a new pair; a reused token revokes its session").build(),
        route(HttpMethod.POST, "/auth/logout").permission(Permissions.AUTHENTICATED).address(AuthAddresses.SESSION_LOGOUT)
            .json().doc("auth", "End the session of {refresh_token}; its access tokens stop working at once").build(),
        route(HttpMethod.GET, "/auth/profile").permission(Permissions.AUTHENTICATED).address(AuthAddresses.PROFILE_GET)
            .doc("auth", "The caller's account").build(),
        route(HttpMethod.PATCH, "/auth/profile").permission(Permissions.AUTHENTICATED).address(AuthAddresses.PROFILE_UPDATE)
            .json().doc("auth", "Change name, or password (with current_password; ends other sessions)").build(),
        route(HttpMethod.POST, "/auth/2fa/setup").permission(Permissions.AUTHENTICATED).address(AuthAddresses.TOTP_SETUP)
            .json().doc("auth", "Start TOTP setup: {secret, otpauth_uri, recovery_codes}").build(),
        route(HttpMethod.POST, "/auth/2fa/enable").permission(Permissions.AUTHENTICATED).address(AuthAddresses.TOTP_ENABLE)
            .json().doc("auth", "Turn on 2FA with a first code {code}").build(),
        route(HttpMethod.POST, "/auth/2fa/verify").permission(Permissions.PUBLIC).address(AuthAddresses.TOTP_VERIFY)
            .json().doc("auth", "Second login step {mfa_token, code} (TOTP or recovery code): the token pair").build(),
        route(HttpMethod.POST, "/auth/2fa/disable").permission(Permissions.AUTHENTICATED).address(AuthAddresses.TOTP_DISABLE)
            .json().doc("auth", "Turn off 2FA with a current code {code}").build(),
        route(HttpMethod.GET, "/auth/oauth2/:provider/login").permission(Permissions.PUBLIC).address(AuthAddresses.OAUTH2_LOGIN)
            .browserRedirectTo("authorization_url")
            .doc("auth", "Start an external login (code flow with PKCE): a browser (Accept: text/html) is redirected to the"
                + " provider, an API client gets {authorization_url, state}").build(),
        route(HttpMethod.GET, "/auth/oauth2/:provider/callback").permission(Permissions.PUBLIC).address(AuthAddresses.OAUTH2_CALLBACK)
            .query("code", "state", "error").doc("auth", "The provider's redirect: links or creates the account, returns the token pair").build(),
        route(HttpMethod.POST, "/auth/oauth2/token").permission(Permissions.PUBLIC).address(AuthAddresses.OAUTH2_TOKEN)
            .mapper(AuthRoutes::tokenRequest)
            .doc("auth", "Client credentials grant: grant_type=client_credentials with client_id/client_secret "
                + "(form, JSON or HTTP Basic)").build(),
        route(HttpMethod.GET, "/.well-known/jwks.json").permission(Permissions.PUBLIC).address(AuthAddresses.KEYS_LIST)
            .doc("auth", "Public keys that verify access tokens (JWKS)").build(),
        route(HttpMethod.GET, "/users").permission(Permissions.USERS_ADMIN).address(AuthAddresses.USERS_LIST)
            .query("page", "limit").doc("users", "List users").build(),
        route(HttpMethod.POST, "/users").permission(Permissions.USERS_ADMIN).address(AuthAddresses.USERS_CREATE)
            .json().status(201).doc("users", "Create a user {email, password, name, roles}").build(),
        route(HttpMethod.PATCH, "/users/:id").permission(Permissions.USERS_ADMIN).address(AuthAddresses.USERS_UPDATE)
            .json().doc("users", "Change a user's name, status (active|disabled) or email_verified").build(),
        route(HttpMethod.GET, "/users/:id/roles").permission(Permissions.USERS_ADMIN).address(AuthAddresses.ROLES_GET)
            .doc("users", "A user's roles").build(),
        route(HttpMethod.PUT, "/users/:id/roles").permission(Permissions.USERS_ADMIN).address(AuthAddresses.ROLES_SET)
            .json().doc("users", "Replace a user's roles {roles:[...]}; their current access tokens stop working").build(),
        route(HttpMethod.GET, "/users/:id/audit").permission(Permissions.AUDIT_READ).address(AuthAddresses.AUDIT_QUERY)
            .query("event", "page", "limit").doc("users", "Security events about one user").build(),
        route(HttpMethod.GET, "/audit").permission(Permissions.AUDIT_READ).address(AuthAddresses.AUDIT_QUERY)
            .query("user_id", "event", "page", "limit").doc("users", "Security events, newest first").build(),
        route(HttpMethod.POST, "/clients").permission(Permissions.USERS_ADMIN).address(AuthAddresses.CLIENTS_CREATE)
            .json().status(201).doc("users", "Create an API client {name, roles}; the secret is shown once").build());
  }

  /** RFC 6749 token requests come form-encoded, with the client's credentials in the body or in HTTP Basic. */
  static JsonObject tokenRequest(io.vertx.ext.web.RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    JsonObject request;
    if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      request = new JsonObject();
      JsonObject form = request;
      ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
    } else {
      request = RequestMapper.standard().map(ctx);
    }
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw Failure.validation("the Basic credentials are not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw Failure.validation("the Basic credentials must be client_id:client_secret");
      }
      request.put("client_id", decoded.substring(0, colon)).put("client_secret", decoded.substring(colon + 1));
    }
    return request;
  }
}
