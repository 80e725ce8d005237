package io.ndc.gateway.http;

/** Permission names used by route rows; roles map to sets of these (auth service). */
public final class Permissions {
  /** No token needed (register, login, JWKS...). */
  public static final String PUBLIC = "public";
  public static final String SYSTEM_READ = "system:read";

  private Permissions() {
  }
}
