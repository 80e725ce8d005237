package io.ndc.gateway;

/** {@code /docs}: Swagger UI from the bundled webjar, reading {@code /openapi.json}; nothing is fetched from the internet. */
final class DocsPage {
  static final String SWAGGER_UI_ROOT = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion();

  static final String HTML = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>NDC API</title>
        <link rel="stylesheet" href="/docs/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true});
        </script>
      </body>
      </html>
      """;

  private DocsPage() {
  }

  private static String swaggerUiVersion() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = DocsPage.class.getResourceAsStream("/ndc-gateway.properties")) {
      p.load(in);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("ndc-gateway.properties missing from the gateway jar", e);
    }
    return p.getProperty("swagger-ui.version");
  }
}
