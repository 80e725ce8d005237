package io.ndc.gateway;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.ServiceName;
import io.ndc.gateway.bridge.EventBusBridges;
import io.ndc.gateway.http.BusForwarder;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.http.Envelope;
import io.ndc.gateway.http.HttpSettings;
import io.ndc.gateway.http.RequestIds;
import io.ndc.gateway.http.RouteHandler;
import io.ndc.gateway.http.RouteSpec;
import io.ndc.gateway.http.TlsSettings;
import io.ndc.gateway.ops.OpenApiDocument;
import io.ndc.gateway.ops.Readiness;
import io.ndc.gateway.routes.RouteTable;
import io.ndc.gateway.security.GatewaySecurity;
import io.ndc.gateway.stream.StreamEndpoint;
import io.ndc.platform.config.ConfigPath;
import io.ndc.platform.config.Settings;
import io.ndc.platform.metrics.Metrics;
import io.ndc.platform.security.TlsFiles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of NDC: operational endpoints, the API route table behind one generic bus handler, and the
 * error envelope for everything that goes wrong, including what the router itself refuses (404, 405, 413).
 */
public final class HttpGatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGatewayVerticle.class);
  /** Where the node reads the port the gateway really listens on (port 0 picks a free one). */
  public static final String NODE_MAP = "ndc.node";
  public static final String HTTP_PORT_KEY = "http.actual_port";
  public static final String BRIDGE_PORT_KEY = "bridge.actual_port";
  public static final String STREAM_PATH = "/ws/v1/stream";

  private HttpServer server;
  private HttpSettings http;
  private String openApi;
  private GatewaySecurity security;
  private StreamEndpoint stream;
  private EventBusBridges bridges;

  @Override
  public Future<?> start() {
    http = HttpSettings.from(config());
    List<RouteSpec> routes = RouteTable.all();
    security = new GatewaySecurity(vertx, config());
    openApi = OpenApiDocument.build(routes, http.nodeVersion()).encodePrettily();
    Router router = Router.router(vertx);
    router.route().handler(this::assignRequestId);
    addOperational(router);
    BusForwarder forwarder = new BusForwarder(vertx, http.busTimeoutMs());
    stream = new StreamEndpoint(vertx, config(), security.verifier(), forwarder);
    router.get(STREAM_PATH).handler(stream::handle);
    bridges = new EventBusBridges(vertx, config(), security.verifier());
    bridges.mountSockJs(router);
    addApi(router, routes, forwarder);
    addErrorHandlers(router);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(http.maxUrlBytes())
        .setMaxHeaderSize(http.maxHeaderBytes())
        // large enough that an oversized client frame reaches the stream session, which answers it with an error
        .setMaxWebSocketFrameSize(1024 * 1024)
        .setMaxWebSocketMessageSize(1024 * 1024);
    Future<HttpServer> http = security.start()
        .compose(v -> vertx.executeBlocking(() -> withTls(options)))
        .compose(v -> vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(this::invalid).listen()
            .recover(e -> Future.failedFuture(new IllegalStateException("gateway cannot listen on "
                + options.getHost() + ":" + options.getPort() + " (" + e.getMessage()
                + "); choose another port with --http-port or NDC_HTTP_PORT", e))));
    return http.compose(s -> {
      server = s;
      return bridges.startTcp();
    }).onSuccess(bridgePort -> {
      stream.start();
      vertx.sharedData().getLocalMap(NODE_MAP).put(HTTP_PORT_KEY, server.actualPort());
      vertx.sharedData().getLocalMap(NODE_MAP).put(BRIDGE_PORT_KEY, bridgePort);
    });
  }

  /**
   * HTTPS only when {@code http.tls} names a certificate: REST, the WebSocket stream and SockJS share this one server,
   * so all of them are encrypted and a plain-HTTP request gets no answer. Reads the PEM files (blocking).
   */
  private HttpServerOptions withTls(HttpServerOptions options) {
    if (!TlsFiles.configured(config(), TlsSettings.HTTP)) {
      return options;
    }
    options.setSsl(true).setKeyCertOptions(TlsFiles.keyCert(vertx, config(), TlsSettings.HTTP));
    LOG.info("gateway serves HTTPS and WSS only, with the certificate in {} ({}.cert_path)",
        Settings.of(config()).string(TlsSettings.HTTP + ".cert_path"), TlsSettings.HTTP);
    return options;
  }

  /** Drain: stop accepting, let requests in flight finish (bounded), then close. */
  @Override
  public Future<?> stop() {
    if (server == null) {
      security.close();
      return Future.succeededFuture();
    }
    // stream clients get 1001 first, then HTTP stops accepting and lets requests in flight finish
    return stream.stop()
        .compose(v -> bridges.stop())
        .compose(v -> server.shutdown(http.drainTimeoutSeconds(), TimeUnit.SECONDS))
        .onComplete(done -> security.close());
  }

  private void assignRequestId(RoutingContext ctx) {
    String requestId = ctx.request().getHeader("X-Request-Id");
    if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
      requestId = RequestIds.next();
    }
    ctx.response().putHeader("X-Request-Id", requestId);
    ctx.put(RouteHandler.CALLER, Caller.anonymous(requestId));
    ctx.next();
  }

  private void addOperational(Router router) {
    Readiness readiness = new Readiness(vertx, requiredServices(), http.readyTimeoutMs());
    router.get("/health").handler(ctx -> Envelope.success(ctx, 200, new JsonObject()
        .put("status", "UP")
        .put("node", http.nodeId())));
    router.get("/ready").handler(ctx -> readiness.check().onComplete(report -> {
      JsonObject r = report.result();
      if ("UP".equals(r.getString("status"))) {
        Envelope.success(ctx, 200, r);
      } else {
        Envelope.error(ctx, new Failure(503, ErrorCode.SERVICE_UNAVAILABLE,
            "not ready: " + String.join(", ", r.getJsonArray("down").stream().map(Object::toString).toList()), r));
      }
    }));
    router.get("/metrics").handler(ctx -> vertx.executeBlocking(Metrics::scrape, false).onComplete(
        text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(text),
        ctx::fail));
    router.get("/openapi.json").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(openApi));
    // "/docs" also matches "/docs/" in the Vert.x router; assets below it come from the webjar
    router.get("/docs").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .end(DocsPage.HTML));
    router.get("/docs/*").handler(StaticHandler.create(DocsPage.SWAGGER_UI_ROOT).setCachingEnabled(true));
  }

  private List<ServiceName> requiredServices() {
    Object configured = ConfigPath.get(config(), "gateway.ready_services");
    if (configured instanceof JsonArray list && !list.isEmpty()) {
      return list.stream().map(o -> ServiceName.of(o.toString())).toList();
    }
    return List.of(ServiceName.values());
  }

  private void addApi(Router router, List<RouteSpec> routes, BusForwarder forwarder) {
    long bodyLimit = http.bodyLimitBytes();
    // a request whose body stops arriving, or whose answer takes longer, is answered 408 instead of holding its
    // connection until the idle timeout
    router.route("/api/*").handler(TimeoutHandler.create(
        http.requestTimeoutMs(), 408));
    router.route("/api/*").handler(HttpGatewayVerticle::refuseFormsWithoutBody);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    for (RouteSpec spec : routes) {
      Route route = spec.hasCustomVerb() ? router.routeWithRegex(spec.method(), spec.pathRegex())
          : router.route(spec.method(), spec.fullPath());
      route.handler(security.guard(spec)).handler(new RouteHandler(spec, forwarder));
    }
  }

  /** The body handler cannot decode a form on a GET (it throws): such a request is a 415 before it gets there. */
  private static void refuseFormsWithoutBody(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    HttpMethod method = ctx.request().method();
    boolean form = type != null && (type.toLowerCase().startsWith("multipart/")
        || type.toLowerCase().startsWith("application/x-www-form-urlencoded"));
    if (form && !List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE).contains(method)) {
      Envelope.error(ctx, new Failure(415, ErrorCode.VALIDATION_ERROR, method + " takes no body (got " + type + ")", null));
      return;
    }
    ctx.next();
  }

  private void addErrorHandlers(Router router) {
    router.route().failureHandler(ctx -> {
      Throwable failure = ctx.failure();
      if (failure instanceof Failure f) {
        Envelope.error(ctx, f);
        return;
      }
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status >= 500) {
        Caller caller = ctx.get(RouteHandler.CALLER);
        LOG.error("unhandled failure on {} {} (request_id={})", ctx.request().method(), ctx.request().path(),
            caller == null ? null : caller.requestId(), failure);
      }
      Envelope.error(ctx, new Failure(status, ErrorCode.forStatus(status), messageFor(status), null));
    });
    router.errorHandler(404, ctx -> Envelope.error(ctx, ErrorCode.RESOURCE_NOT_FOUND,
        "no route for " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> Envelope.error(ctx, new Failure(405, ErrorCode.VALIDATION_ERROR,
        "method " + ctx.request().method() + " is not allowed on " + ctx.request().path(), null)));
  }

  /**
   * A request the HTTP decoder refused (a URL over {@code http.max_url_bytes}, headers over their limit, a malformed
   * request line) is answered in the envelope too, and its connection closed: the decoder cannot read on after it.
   */
  private void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Failure failure = cause instanceof TooLongHttpLineException
        ? new Failure(414, ErrorCode.VALIDATION_ERROR, "the URL is longer than " + http.maxUrlBytes() + " bytes", null)
        : cause instanceof TooLongHttpHeaderException
            ? new Failure(431, ErrorCode.VALIDATION_ERROR, "the request headers are larger than "
                + http.maxHeaderBytes() + " bytes", null)
            : new Failure(400, ErrorCode.VALIDATION_ERROR, "the request is not valid HTTP", null);
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    Envelope.error(request.response(), failure).onComplete(v -> request.connection().close());
  }

  private static String messageFor(int status) {
    return switch (status) {
      case 413 -> "request body is larger than the limit";
      case 400 -> "bad request";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 408 -> "the request did not complete in time";
      default -> status >= 500 ? "internal error" : "request failed";
    };
  }
}
