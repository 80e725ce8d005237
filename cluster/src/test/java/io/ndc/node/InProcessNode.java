package io.ndc.node;

import io.ndc.contract.ServiceName;
import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.config.NdcConfig;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node started in this JVM exactly as the launcher does it (defaults from conf/, then the test layer), on its own
 * database and a random HTTP port, with a web client pointed at its gateway.
 */
public final class InProcessNode implements AutoCloseable {
  private final NdcNode node;
  private final String database;
  private final String readyLine;
  private final WebClient client;

  private InProcessNode(NdcNode node, String database, String readyLine) {
    this.node = node;
    this.database = database;
    this.readyLine = readyLine;
    this.client = WebClient.create(node.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(httpPort()));
  }

  public static InProcessNode start(List<ServiceName> services, JsonObject overrides) throws Exception {
    String database = TestConfig.uniqueDatabase("node");
    JsonObject layer = TestConfig.forDatabase(database)
        .put("auth", new JsonObject().put("admin", new JsonObject().put("email", TestNode.ADMIN_EMAIL).put("password", TestNode.ADMIN_PASSWORD)))
        .mergeIn(overrides, true);
    JsonObject config = NdcConfig.load(Path.of("../conf"), null, null, Map.of(), layer);
    NdcNode node = new NdcNode(config, services);
    String ready = node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new InProcessNode(node, database, ready);
  }

  public static InProcessNode startAll() throws Exception {
    return start(List.of(ServiceName.values()), new JsonObject());
  }

  public Vertx vertx() {
    return node.vertx();
  }

  public WebClient http() {
    return client;
  }

  public String readyLine() {
    return readyLine;
  }

  public int httpPort() {
    return (Integer) node.vertx().sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.HTTP_PORT_KEY);
  }

  public int bridgePort() {
    return (Integer) node.vertx().sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.BRIDGE_PORT_KEY);
  }

  /** An access token of the bootstrap admin (needs the auth service on this node). */
  public String adminToken() throws Exception {
    var response = client.post("/api/v1/auth/login").sendJsonObject(new JsonObject()
        .put("email", TestNode.ADMIN_EMAIL).put("password", TestNode.ADMIN_PASSWORD))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return response.bodyAsJsonObject().getJsonObject("data").getString("access_token");
  }

  public String database() {
    return database;
  }

  @Override
  public void close() {
    client.close();
    node.drain();
    TestConfig.dropDatabase(database);
  }
}
