package io.ndc.gateway.bridge;

import io.ndc.contract.ErrorCode;
import io.ndc.gateway.http.Envelope;
import io.ndc.gateway.http.TlsSettings;
import io.ndc.gateway.security.TokenVerifier;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.config.Settings;
import io.ndc.platform.security.TlsFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.net.URI;
import java.util.List;

/**
 * The SockJS bridge at {@code /eventbus} (for browsers, with an origin check) and the TCP bridge on the bridge port
 * (4-byte length + JSON frames, for any language), both behind {@link BridgeGuard}.
 */
public final class EventBusBridges {
  public static final String SOCKJS_PATH = "/eventbus";

  private final Vertx vertx;
  private final JsonObject config;
  private final TokenVerifier verifier;
  private TcpEventBusBridge tcp;
  private TcpBridgeFront front;

  public EventBusBridges(Vertx vertx, JsonObject config, TokenVerifier verifier) {
    this.vertx = vertx;
    this.config = config;
    this.verifier = verifier;
  }

  public void mountSockJs(Router router) {
    BridgeGuard guard = new BridgeGuard(verifier, "SockJS");
    SockJSBridgeOptions options = BridgeGuard.permitted(new SockJSBridgeOptions());
    router.route(SOCKJS_PATH + "/*").handler(this::checkOrigin);
    router.route(SOCKJS_PATH + "/*").subRouter(SockJSHandler.create(vertx).bridge(options, event -> guard.handle(event, event.socket())));
  }

  /**
   * Starts the TCP bridge on loopback behind its public port ({@link TcpBridgeFront}); completes with the public port.
   */
  public Future<Integer> startTcp() {
    BridgeGuard guard = new BridgeGuard(verifier, "TCP");
    int configured = Settings.of(config).integer("bridge.port");
    // the bridge listens where HTTP does unless told otherwise
    String bridgeHost = Settings.of(config).optionalString("bridge.host");
    String host = bridgeHost != null ? bridgeHost : Settings.of(config).string("http.host");
    int maxFrameBytes = Settings.of(config).integer("bridge.max_frame_bytes");
    // ports are chosen once per node, so every gateway instance listens on the same ones (Vert.x shares them);
    // the TCP bridge does not report the port it bound, so port 0 is resolved to a free port first
    Future<Integer> port = configured != 0 ? Future.succeededFuture(configured) : nodePort("bridge.chosen_port");
    Future<Integer> internal = nodePort("bridge.internal_port");
    tcp = TcpEventBusBridge.create(vertx, BridgeGuard.permitted(new BridgeOptions()), new NetServerOptions(),
        event -> guard.handle(event, event.socket()));
    return Future.all(port, internal, vertx.executeBlocking(this::serverOptions)).compose(ready -> {
      int p = ready.resultAt(0);
      int bridgePort = ready.resultAt(1);
      NetServerOptions options = ready.resultAt(2);
      return tcp.listen(bridgePort, "127.0.0.1")
          .compose(b -> TcpBridgeFront.listen(vertx, options, host, p, bridgePort, maxFrameBytes))
          .map(f -> {
            front = f;
            return p;
          })
          .recover(e -> Future.failedFuture(new IllegalStateException("TCP bridge cannot listen on " + host + ":" + p
              + " (" + e.getMessage() + "); choose another port with --bridge-port or NDC_BRIDGE_PORT", e)));
    });
  }

  private Future<Integer> nodePort(String key) {
    return vertx.executeBlocking(() ->
        (Integer) vertx.sharedData().getLocalMap("ndc.node").computeIfAbsent(key, k -> freePortUnchecked()));
  }

  /**
   * TLS with the bridge's own certificate ({@code bridge.tls}) when set, else with the gateway's ({@code http.tls}):
   * when the gateway serves HTTPS, no client-facing port stays plain by oversight. Reads the PEM files (blocking).
   */
  private NetServerOptions serverOptions() {
    String prefix = TlsFiles.configured(config, TlsSettings.BRIDGE) ? TlsSettings.BRIDGE : TlsSettings.HTTP;
    NetServerOptions options = new NetServerOptions();
    return TlsFiles.configured(config, prefix) ? options.setSsl(true).setKeyCertOptions(TlsFiles.keyCert(vertx, config, prefix)) : options;
  }

  public Future<Void> stop() {
    Future<Void> frontClosed = front == null ? Future.succeededFuture() : front.close();
    return frontClosed.compose(v -> tcp == null ? Future.succeededFuture() : tcp.close());
  }

  /**
   * Browsers send Origin on SockJS requests: only the gateway's own origin and configured ones
   * ({@code bridge.allowed_origins}) may use the bridge. Clients that send no Origin are not browsers.
   */
  private void checkOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || sameHost(origin, ctx.request().authority() == null ? null : ctx.request().authority().toString())
        || allowedOrigins().contains(origin)) {
      ctx.next();
      return;
    }
    Envelope.error(ctx, ErrorCode.AUTHORIZATION_ERROR, "origin " + origin + " may not use the event-bus bridge");
  }

  private List<String> allowedOrigins() {
    Object configured = ConfigPath.get(config, "bridge.allowed_origins");
    return configured instanceof JsonArray list ? list.stream().map(Object::toString).toList() : List.of();
  }

  private static boolean sameHost(String origin, String authority) {
    try {
      return authority != null && authority.equalsIgnoreCase(URI.create(origin).getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int freePortUnchecked() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
