package io.ndc.node;

import io.ndc.auth.AuthService;
import io.ndc.contract.ServiceName;
import io.ndc.gateway.GatewayService;
import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.config.Settings;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * An in-process node with the auth service and the gateway, for REST tests: {@link #call} sends a request (with an
 * access token when given) and waits for the answer. Test threads block on futures with {@code await()}.
 */
public final class TestNode implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@ndc.test";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  public final Vertx vertx;
  public final WebClient client;
  public final int port;
  public final JsonObject config;

  private TestNode(Vertx vertx, JsonObject config, boolean withAuth, ServiceName... backends) {
    this.vertx = vertx;
    this.config = config;
    if (withAuth) {
      vertx.deployVerticle(new AuthService(), new DeploymentOptions().setConfig(config)).await();
    }
    for (ServiceName backend : backends) {
      vertx.deployVerticle(ServiceCatalog.entry(backend), new DeploymentOptions().setConfig(config)).await();
    }
    vertx.deployVerticle(new GatewayService(), new DeploymentOptions().setConfig(config)).await();
    this.port = (Integer) vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.HTTP_PORT_KEY);
    this.client = WebClient.create(vertx, clientOptions(config));
  }

  /** Options for a client of this gateway: HTTPS trusting the gateway's own certificate when {@code http.tls} is set. */
  public static WebClientOptions clientOptions(JsonObject config) {
    WebClientOptions options = new WebClientOptions().setFollowRedirects(false);
    String cert = Settings.of(config).optionalString("http.tls.cert_path");
    return cert == null ? options : options.setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(cert));
  }

  /** Configuration for a node on {@code database} with a known admin password and secret key. */
  public static JsonObject config(String database) {
    JsonObject config = TestConfig.forDatabase(database);
    config.put("auth", new JsonObject().put("admin", new JsonObject().put("email", ADMIN_EMAIL).put("password", ADMIN_PASSWORD)));
    config.put("security", new JsonObject().put("secret_key", "test secret key " + database));
    config.put("gateway", new JsonObject().put("ready_services", new JsonArray().add("gateway").add("auth")));
    return config;
  }

  public static TestNode start(JsonObject config) {
    return new TestNode(Vertx.vertx(), config, true);
  }

  /** A gateway and auth node on {@code database} whose {@code auth.jwt} settings are {@code jwt}. */
  public static TestNode withJwt(String database, JsonObject jwt) {
    JsonObject config = config(database);
    config.getJsonObject("auth").put("jwt", jwt);
    return start(config);
  }

  /** A node on a given (e.g. clustered) Vert.x, with or without the auth service next to the gateway. */
  public static TestNode start(Vertx vertx, JsonObject config, boolean withAuth) {
    return new TestNode(vertx, config, withAuth);
  }

  /** Auth and gateway plus the given back-end services, all in this JVM; readiness covers them all. */
  public static TestNode start(JsonObject config, ServiceName... backends) {
    JsonArray ready = new JsonArray().add("gateway").add("auth");
    for (ServiceName backend : backends) {
      ready.add(backend.id());
    }
    config.put("gateway", config.getJsonObject("gateway", new JsonObject()).put("ready_services", ready));
    return new TestNode(Vertx.vertx(), config, true, backends);
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
