package io.ndc.gateway.http;

import io.ndc.contract.auth.Permission;

/**
 * Permission names used by route rows and stream channels, as the gateway spells them. They are the contract's
 * {@link Permission} vocabulary, which {@link io.ndc.contract.auth.Roles} maps roles onto.
 */
public final class Permissions {
  /** No token needed (register, login, JWKS...). */
  public static final String PUBLIC = Permission.PUBLIC;
  /** Any authenticated user (own profile, own 2FA). */
  public static final String AUTHENTICATED = Permission.AUTHENTICATED;
  public static final String SYSTEM_READ = Permission.SYSTEM_READ;
  public static final String USERS_ADMIN = Permission.USERS_ADMIN;
  public static final String AUDIT_READ = Permission.AUDIT_READ;
  public static final String STOCKS_READ = Permission.STOCKS_READ;
  public static final String STOCKS_WRITE = Permission.STOCKS_WRITE;
  public static final String INGEST_READ = Permission.INGEST_READ;
  public static final String INGEST_WRITE = Permission.INGEST_WRITE;
  public static final String COLLECTION_READ = Permission.COLLECTION_READ;
  public static final String COLLECTION_WRITE = Permission.COLLECTION_WRITE;
  public static final String ANALYSIS_READ = Permission.ANALYSIS_READ;
  public static final String ANALYSIS_WRITE = Permission.ANALYSIS_WRITE;
  public static final String NOTIFICATIONS_OWN = Permission.NOTIFICATIONS_OWN;
  public static final String STREAM_READ = Permission.STREAM_READ;
  /** Subscribe to {@code "*"} (every symbol) on the stream. */
  public static final String STREAM_ALL = Permission.STREAM_ALL;

  private Permissions() {
  }
}
