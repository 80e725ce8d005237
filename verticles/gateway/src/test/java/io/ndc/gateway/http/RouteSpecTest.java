package io.ndc.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.gateway.ops.OpenApiDocument;
import io.ndc.gateway.routes.RouteTable;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Custom verbs after a colon ({@code /prices:batch}) are literal, not Vert.x parameters. */
class RouteSpecTest {

  private static RouteSpec spec(String path) {
    return RouteSpec.route(HttpMethod.POST, path).permission(Permissions.PUBLIC).address("a").build();
  }

  @Test
  void aCustomVerbIsMatchedLiterallyAndParametersBeforeItAreNamedGroups() {
    RouteSpec batch = spec("/prices:batch");
    assertThat(batch.hasCustomVerb()).isTrue();
    assertThat(batch.pathParams()).isEmpty();
    Pattern plain = Pattern.compile(batch.pathRegex());
    assertThat(plain.matcher("/api/v1/prices:batch").matches()).isTrue();
    assertThat(plain.matcher("/api/v1/prices:import").matches()).isFalse();
    assertThat(plain.matcher("/api/v1/pricesXbatch").matches()).isFalse();

    RouteSpec rollback = spec("/batches/:id:rollback");
    assertThat(rollback.pathParams()).containsExactly("id");
    Matcher m = Pattern.compile(rollback.pathRegex()).matcher("/api/v1/batches/42:rollback");
    assertThat(m.matches()).isTrue();
    assertThat(m.group("id")).isEqualTo("42");
    assertThat(Pattern.compile(rollback.pathRegex()).matcher("/api/v1/batches/42").matches()).isFalse();
    assertThat(spec("/batches/:id").hasCustomVerb()).isFalse();
  }

  @Test
  void theOpenApiDocumentKeepsCustomVerbsLiteral() {
    JsonObject paths = OpenApiDocument.build(RouteTable.all(), "test").getJsonObject("paths");
    assertThat(paths.fieldNames()).contains("/api/v1/prices:batch", "/api/v1/prices:import",
        "/api/v1/batches/{id}:rollback", "/api/v1/stocks/{symbol}/prices");
  }
}
