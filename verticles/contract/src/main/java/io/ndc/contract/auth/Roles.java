package io.ndc.contract.auth;

import static io.ndc.contract.auth.Permission.*;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles of NDC and the permissions each grants. The gateway checks routes and channels against this map and the
 * auth service assigns roles from it; both read it here so neither depends on the other.
 */
public final class Roles {
  public static final String ADMIN = "admin";
  public static final String OPERATOR = "operator";
  public static final String ANALYST = "analyst";
  public static final String VIEWER = "viewer";

  /** Every permission a route or channel may name, except {@link Permission#PUBLIC} which needs no grant. */
  public static final Set<String> ALL_PERMISSIONS = Set.of(AUTHENTICATED, SYSTEM_READ, USERS_ADMIN, AUDIT_READ,
      STOCKS_READ, STOCKS_WRITE, INGEST_READ, INGEST_WRITE, COLLECTION_READ, COLLECTION_WRITE, ANALYSIS_READ,
      ANALYSIS_WRITE, NOTIFICATIONS_OWN, STREAM_READ, STREAM_ALL);

  private static final Map<String, Set<String>> GRANTS = grants();

  private Roles() {
  }

  private static Map<String, Set<String>> grants() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put(ADMIN, ALL_PERMISSIONS);
    m.put(OPERATOR, ALL_PERMISSIONS.stream()
        .filter(p -> !p.equals(USERS_ADMIN) && !p.equals(AUDIT_READ))
        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    m.put(ANALYST, Set.of(STOCKS_READ, INGEST_READ, COLLECTION_READ, ANALYSIS_READ, ANALYSIS_WRITE,
        NOTIFICATIONS_OWN, STREAM_READ, AUTHENTICATED));
    m.put(VIEWER, Set.of(STOCKS_READ, ANALYSIS_READ, NOTIFICATIONS_OWN, STREAM_READ, AUTHENTICATED));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Role names, most powerful first. */
  public static List<String> names() {
    return List.copyOf(GRANTS.keySet());
  }

  public static boolean exists(String role) {
    return GRANTS.containsKey(role);
  }

  public static Set<String> permissionsOf(String role) {
    return GRANTS.getOrDefault(role, Set.of());
  }

  /** Whether any of {@code roles} grants {@code permission}; {@link Permission#PUBLIC} is granted to everyone. */
  public static boolean grants(Collection<String> roles, String permission) {
    if (PUBLIC.equals(permission)) {
      return true;
    }
    for (String role : roles) {
      if (permissionsOf(role).contains(permission)) {
        return true;
      }
    }
    return false;
  }
}
