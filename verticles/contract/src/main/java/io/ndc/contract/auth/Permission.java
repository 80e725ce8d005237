package io.ndc.contract.auth;

/**
 * The permission vocabulary shared by the gateway (route rows, stream channels) and the auth service (role
 * grants). A permission names an area and what may be done in it.
 */
public final class Permission {
  /** No token needed (register, login, JWKS...). */
  public static final String PUBLIC = "public";
  /** Any authenticated user (own profile, own 2FA). */
  public static final String AUTHENTICATED = "authenticated";
  public static final String SYSTEM_READ = "system:read";
  public static final String USERS_ADMIN = "users:admin";
  public static final String AUDIT_READ = "audit:read";
  public static final String STOCKS_READ = "stocks:read";
  public static final String STOCKS_WRITE = "stocks:write";
  public static final String INGEST_READ = "ingest:read";
  public static final String INGEST_WRITE = "ingest:write";
  public static final String COLLECTION_READ = "collection:read";
  public static final String COLLECTION_WRITE = "collection:write";
  public static final String ANALYSIS_READ = "analysis:read";
  public static final String ANALYSIS_WRITE = "analysis:write";
  public static final String NOTIFICATIONS_OWN = "notifications:own";
  public static final String STREAM_READ = "stream:read";
  /** Subscribe to {@code "*"} (every symbol) on the stream. */
  public static final String STREAM_ALL = "stream:all";

  private Permission() {
  }
}
