package io.ndc.gateway.security;

import io.ndc.contract.auth.Permission;
import io.ndc.contract.auth.Roles;
import io.ndc.gateway.http.Caller;

/** Whether a caller may use what a route or stream channel names as its permission. */
public final class AccessPolicy {
  private AccessPolicy() {
  }

  public static boolean allows(Caller caller, String permission) {
    if (Permission.PUBLIC.equals(permission)) {
      return true;
    }
    return caller.userId() != null && Roles.grants(caller.roles(), permission);
  }

  /** Whether a route or channel may name this permission (known, or public). */
  public static boolean isKnown(String permission) {
    return Permission.PUBLIC.equals(permission) || Roles.ALL_PERMISSIONS.contains(permission);
  }
}
