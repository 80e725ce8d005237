package io.ndc.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.auth.Permission;
import io.ndc.contract.auth.Roles;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RouteSpec;
import io.ndc.gateway.routes.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Walks the whole route table: every row must name a permission the role map knows. */
class RoutePermissionTest {

  @Test
  void everyRouteNamesAKnownPermission() {
    List<String> offenders = new ArrayList<>();
    for (RouteSpec spec : RouteTable.all()) {
      if (spec.permission() == null || !AccessPolicy.isKnown(spec.permission())) {
        offenders.add(spec.method() + " " + spec.fullPath() + " -> " + spec.permission());
      }
    }
    assertThat(offenders).as("routes without a known permission").isEmpty();
  }

  @Test
  void onlyTheSpecsOpenRoutesArePublic() {
    Set<String> open = new HashSet<>();
    RouteTable.all().stream().filter(r -> Permission.PUBLIC.equals(r.permission()))
        .forEach(r -> open.add(r.method() + " " + r.fullPath()));
    assertThat(open).containsExactlyInAnyOrder(
        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/2fa/verify", "GET /api/v1/auth/oauth2/:provider/login",
        "GET /api/v1/auth/oauth2/:provider/callback", "POST /api/v1/auth/oauth2/token", "GET /.well-known/jwks.json");
  }

  @Test
  void theGuardRefusesARowWithAnUnknownPermission() {
    Vertx vertx = Vertx.vertx();
    try {
      GatewaySecurity security = new GatewaySecurity(vertx, io.ndc.platform.testing.TestConfig.forDatabase("unused"));
      RouteSpec bad = RouteSpec.route(HttpMethod.GET, "/x").permission("stocks:everything").address("ndc.x.y.z").build();
      assertThatThrownBy(() -> security.guard(bad)).hasMessageContaining("stocks:everything");
      security.close();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void gatewayPermissionNamesAreTheContractVocabulary() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : Permissions.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    names.remove(Permission.PUBLIC);
    assertThat(names).isEqualTo(Roles.ALL_PERMISSIONS);
  }

  @Test
  void roleGrantsFollowTheSpec() {
    Caller admin = new Caller("r", "u", List.of(Roles.ADMIN));
    Caller operator = new Caller("r", "u", List.of(Roles.OPERATOR));
    Caller analyst = new Caller("r", "u", List.of(Roles.ANALYST));
    Caller viewer = new Caller("r", "u", List.of(Roles.VIEWER));
    Caller anonymous = Caller.anonymous("r");
    for (String p : Roles.ALL_PERMISSIONS) {
      assertThat(AccessPolicy.allows(admin, p)).as("admin " + p).isTrue();
      assertThat(AccessPolicy.allows(operator, p)).as("operator " + p)
          .isEqualTo(!p.equals(Permission.USERS_ADMIN) && !p.equals(Permission.AUDIT_READ));
      assertThat(AccessPolicy.allows(analyst, p)).as("analyst " + p).isEqualTo(Set.of(Permission.STOCKS_READ,
          Permission.INGEST_READ, Permission.COLLECTION_READ, Permission.ANALYSIS_READ, Permission.ANALYSIS_WRITE,
          Permission.NOTIFICATIONS_OWN, Permission.STREAM_READ, Permission.AUTHENTICATED).contains(p));
      assertThat(AccessPolicy.allows(viewer, p)).as("viewer " + p).isEqualTo(Set.of(Permission.STOCKS_READ,
          Permission.ANALYSIS_READ, Permission.NOTIFICATIONS_OWN, Permission.STREAM_READ, Permission.AUTHENTICATED).contains(p));
      assertThat(AccessPolicy.allows(anonymous, p)).as("anonymous " + p).isFalse();
    }
    assertThat(AccessPolicy.allows(anonymous, Permission.PUBLIC)).isTrue();
  }
}
