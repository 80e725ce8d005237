package io.ndc.contract.auth;

/** Bus addresses of the auth service ({@code ndc.auth.<noun>.<verb>}). */
public final class AuthAddresses {
  public static final String USERS_REGISTER = "ndc.auth.users.register";
  public static final String SESSION_LOGIN = "ndc.auth.session.login";
  public static final String SESSION_REFRESH = "ndc.auth.session.refresh";
  public static final String SESSION_LOGOUT = "ndc.auth.session.logout";
  public static final String PROFILE_GET = "ndc.auth.profile.get";
  public static final String PROFILE_UPDATE = "ndc.auth.profile.update";
  public static final String TOTP_SETUP = "ndc.auth.totp.setup";
  public static final String TOTP_ENABLE = "ndc.auth.totp.enable";
  public static final String TOTP_VERIFY = "ndc.auth.totp.verify";
  public static final String TOTP_DISABLE = "ndc.auth.totp.disable";
  public static final String OAUTH2_LOGIN = "ndc.auth.oauth2.login";
  public static final String OAUTH2_CALLBACK = "ndc.auth.oauth2.callback";
  /** Client-credentials grant for API clients. */
  public static final String OAUTH2_TOKEN = "ndc.auth.oauth2.token";
  /**
   * {@code {"token"}} → {@code {"user_id","roles","expires_at"}} or 401: for callers that cannot verify tokens
   * themselves (bridges, other languages). The gateway verifies locally instead.
   */
  public static final String TOKEN_VERIFY = "ndc.auth.token.verify";
  /** Public signing keys as a JWKS document {@code {"keys":[...]}}. */
  public static final String KEYS_LIST = "ndc.auth.keys.list";
  /** Current revocations {@code {"revocations":[{"key","before_ms","until"}]}} for a gateway that just started. */
  public static final String REVOCATIONS_LIST = "ndc.auth.revocations.list";
  /**
   * Publication {@code {"key","before_ms","until"}}: access tokens of a session ({@code sid:<id>}) or user
   * ({@code user:<id>}) whose {@code issued_ms} claim is at or before {@code before_ms} (epoch milliseconds) are no
   * longer valid; the entry can be forgotten after {@code until} (epoch seconds).
   */
  public static final String TOKENS_REVOKED = "ndc.auth.tokens.revoked";
  /** Publication: the signing keys changed (rotation); verifiers reload the JWKS. */
  public static final String KEYS_CHANGED = "ndc.auth.keys.changed";
  public static final String USERS_LIST = "ndc.auth.users.list";
  public static final String USERS_CREATE = "ndc.auth.users.create";
  public static final String USERS_UPDATE = "ndc.auth.users.update";
  public static final String ROLES_GET = "ndc.auth.roles.get";
  public static final String ROLES_SET = "ndc.auth.roles.set";
  public static final String CLIENTS_CREATE = "ndc.auth.clients.create";
  public static final String AUDIT_QUERY = "ndc.auth.audit.query";

  private AuthAddresses() {
  }
}
