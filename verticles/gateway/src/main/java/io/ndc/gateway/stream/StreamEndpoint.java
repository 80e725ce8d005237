package io.ndc.gateway.stream;

import io.ndc.gateway.http.Envelope;
import io.ndc.contract.ErrorCode;
import io.ndc.gateway.http.BusForwarder;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.security.TokenVerifier;
import io.ndc.platform.config.Settings;
import io.ndc.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code /ws/v1/stream} on this node: upgrades requests, keeps the sessions, the per-user connection counts, the
 * subscription hub and the server heartbeat. Runs on the gateway verticle's event loop, so its state needs no locks.
 */
public final class StreamEndpoint {
  private final Vertx vertx;
  private final TokenVerifier verifier;
  private final BusForwarder forwarder;
  private final StreamMetrics metrics;
  private final SubscriptionHub hub;
  private final IndicatorInterests interests;
  private final Set<StreamSession> sessions = new LinkedHashSet<>();
  private final long authTimeoutMs;
  private final long heartbeatMs;
  private final int maxConnectionsPerUser;
  private final int maxSubscriptions;
  private final int maxFrameChars;
  private final int maxMessageBytes;
  private final int writeQueueBytes;
  private final long batchMs;
  private final int maxBacklog;
  private final long slowTimeoutMs;
  private long heartbeatTimer = -1;

  public StreamEndpoint(Vertx vertx, JsonObject config, TokenVerifier verifier, BusForwarder forwarder) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.forwarder = forwarder;
    this.metrics = StreamMetrics.forNode(Metrics.registry(), Settings.of(config).nodeId());
    this.interests = new IndicatorInterests(vertx, Settings.of(config).longValue("stream.indicator_ttl_ms"),
        Settings.of(config).longValue("bus.timeout_ms"));
    this.hub = new SubscriptionHub(vertx, metrics, Settings.of(config).longValue("stream.conflate_lag_ms"), interests);
    this.authTimeoutMs = Settings.of(config).longValue("stream.auth_timeout_ms");
    this.heartbeatMs = Settings.of(config).longValue("stream.heartbeat_ms");
    this.maxConnectionsPerUser = Settings.of(config).integer("stream.max_connections_per_user");
    this.maxSubscriptions = Settings.of(config).integer("stream.max_subscriptions");
    this.maxFrameChars = Settings.of(config).integer("stream.max_frame_chars");
    this.maxMessageBytes = Settings.of(config).integer("stream.max_message_bytes");
    this.writeQueueBytes = Settings.of(config).integer("stream.write_queue_bytes");
    this.batchMs = Settings.of(config).longValue("stream.batch_ms");
    this.maxBacklog = Settings.of(config).integer("stream.max_backlog");
    this.slowTimeoutMs = Settings.of(config).longValue("stream.slow_client_timeout_ms");
  }

  public void start() {
    heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> new ArrayList<>(sessions).forEach(s -> s.heartbeat(heartbeatMs)));
  }

  /** Route handler for the upgrade request. */
  public void handle(RoutingContext ctx) {
    boolean batching = "1".equals(ctx.request().getParam("batch")) || "true".equals(ctx.request().getParam("batch"));
    String token = ctx.request().getParam("access_token");
    // Vert.x answers a plain request on a WebSocket route in plain text; answer it in the envelope first
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      Envelope.error(ctx, ErrorCode.VALIDATION_ERROR,
          "this is the WebSocket stream: connect with an Upgrade: websocket request");
      return;
    }
    ctx.request().toWebSocket().onSuccess(socket -> open(socket, token, batching));
  }

  private void open(ServerWebSocket socket, String token, boolean batching) {
    socket.setWriteQueueMaxSize(writeQueueBytes);
    OutboundQueue out = new OutboundQueue(vertx, socket, metrics, batching, batchMs, maxBacklog, slowTimeoutMs);
    StreamSession session = new StreamSession(this, socket, out);
    sessions.add(session);
    metrics.clients.incrementAndGet();
    session.start(token, authTimeoutMs);
  }

  /** Counts the user's connection; false when the user is at the limit. */
  boolean admit(Caller caller, StreamSession session) {
    if (session.isClosed()) {
      return false;
    }
    boolean[] admitted = {false};
    metrics.connectionsPerUser.compute(caller.userId(), (user, open) -> {
      int count = open == null ? 0 : open;
      admitted[0] = count < maxConnectionsPerUser;
      return admitted[0] ? count + 1 : open;
    });
    return admitted[0];
  }

  void release(StreamSession session) {
    if (sessions.remove(session)) {
      metrics.clients.decrementAndGet();
    }
    Caller caller = session.caller();
    if (caller != null) {
      metrics.connectionsPerUser.computeIfPresent(caller.userId(), (u, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Drain: every open connection gets close code 1001. */
  public Future<Void> stop() {
    vertx.cancelTimer(heartbeatTimer);
    hub.close();
    interests.close();
    new ArrayList<>(sessions).forEach(StreamSession::closeForDrain);
    return Future.succeededFuture();
  }

  Vertx vertx() {
    return vertx;
  }

  TokenVerifier verifier() {
    return verifier;
  }

  BusForwarder forwarder() {
    return forwarder;
  }

  SubscriptionHub hub() {
    return hub;
  }

  StreamMetrics metrics() {
    return metrics;
  }

  int maxConnectionsPerUser() {
    return maxConnectionsPerUser;
  }

  int maxSubscriptions() {
    return maxSubscriptions;
  }

  int maxFrameChars() {
    return maxFrameChars;
  }

  int maxMessageBytes() {
    return maxMessageBytes;
  }
}
