package io.ndc.gateway.http;

/**
 * Permission names used by route rows and stream channels. The auth service maps roles to sets of these
 * (admin: all; operator: everything but user administration; analyst: reads plus analysis; viewer: reads).
 */
public final class Permissions {
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

  private Permissions() {
  }
}
