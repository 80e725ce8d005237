package io.ndc.gateway.stream;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.security.AccessPolicy;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One client connection of {@code /ws/v1/stream}: authentication first, then subscribe / unsubscribe / replay /
 * ping, handled in order ({@link FrameOrder}); what it listens to is its {@link SessionSubscriptions}. Every bad frame is answered with an error frame and the connection stays open; only authentication
 * failures (4001), slowness (4008), the per-user connection limit (4029), a missing heartbeat (4002) and the node's
 * drain (1001) close it.
 */
final class StreamSession implements StreamSubscriber {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamSession.class);
  static final short CLOSE_UNAUTHENTICATED = 4001;
  static final short CLOSE_NO_HEARTBEAT = 4002;
  static final short CLOSE_TOO_MANY_CONNECTIONS = 4029;

  private final StreamEndpoint endpoint;
  private final ServerWebSocket socket;
  private final OutboundQueue out;
  private final SessionSubscriptions subscriptions;
  private final FrameOrder order;
  private Caller caller;
  private long authTimer;
  private long lastPongMs = System.currentTimeMillis();
  private ReplayTask replay;
  private boolean closed;

  StreamSession(StreamEndpoint endpoint, ServerWebSocket socket, OutboundQueue out) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.out = out;
    this.subscriptions = new SessionSubscriptions(endpoint.hub(), this, endpoint.maxSubscriptions());
    this.order = new FrameOrder(socket, this::onText);
  }

  void start(String queryToken, long authTimeoutMs) {
    socket.frameHandler(new MessageAssembly(this::messageBound, new MessageAssembly.Sink() {
      @Override
      public void text(String message) {
        order.accept(message);
      }

      @Override
      public void binary() {
        error(ErrorCode.VALIDATION_ERROR, "frames must be JSON text");
      }

      @Override
      public void tooBig(int bound) {
        socket.close(MessageAssembly.TOO_BIG, "message over " + bound + " bytes");
      }
    })::frame);
    socket.pongHandler(b -> lastPongMs = System.currentTimeMillis());
    socket.closeHandler(v -> cleanUp());
    socket.exceptionHandler(this::failed);
    if (queryToken != null && !queryToken.isBlank()) {
      order.holdUntil(authenticate(queryToken));
    } else {
      authTimer = endpoint.vertx().setTimer(authTimeoutMs, id -> {
        if (caller == null && !closed) {
          socket.close(CLOSE_UNAUTHENTICATED, "not authenticated within " + authTimeoutMs / 1000 + " s");
        }
      });
    }
  }

  /**
   * Before authentication a message may hold any {@code auth} frame of {@code stream.max_frame_chars} characters;
   * after it, up to {@code stream.max_message_bytes} are read (longer frames than the characters allowed are answered
   * PAYLOAD_TOO_LARGE and the connection stays open).
   */
  private int messageBound() {
    return caller == null ? endpoint.maxFrameChars() * 4 : endpoint.maxMessageBytes();
  }

  /**
   * A frame the decoder refused (over the size limits, or not valid WebSocket) closes with the status RFC 6455 gives
   * it, 1009 for a frame or message too big; Netty refuses a frame from its header, before reading its payload.
   */
  private void failed(Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException refused && refused.closeStatus() != null) {
      socket.close((short) refused.closeStatus().code(), refused.closeStatus().code() == 1009
          ? "frame too big" : "protocol error");
    } else {
      socket.close();
    }
  }

  Caller caller() {
    return caller;
  }

  OutboundQueue out() {
    return out;
  }

  /** Called by the hub for each publication this session listens to. */
  @Override
  public void deliver(String frame, String conflationKey) {
    out.event(frame, conflationKey);
  }

  /** Server heartbeat: a ping frame now; closes the connection when the previous pings went unanswered. */
  void heartbeat(long intervalMs) {
    if (System.currentTimeMillis() - lastPongMs > 2 * intervalMs + 1000) {
      socket.close(CLOSE_NO_HEARTBEAT, "no pong for " + (2 * intervalMs / 1000) + " s");
      return;
    }
    socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
  }

  void closeForDrain() {
    socket.close((short) 1001, "server shutting down");
  }

  /** Handles one frame; the future completes when its answer has been queued. */
  private Future<Void> onText(String text) {
    if (caller == null) {
      return beforeAuthentication(text);
    }
    if (text.length() > endpoint.maxFrameChars()) {
      error(ErrorCode.PAYLOAD_TOO_LARGE, "frame of " + text.length() + " characters exceeds " + endpoint.maxFrameChars());
      return Future.succeededFuture();
    }
    JsonObject frame = parse(text);
    if (frame == null) {
      error(ErrorCode.VALIDATION_ERROR, "frame is not a JSON object");
      return Future.succeededFuture();
    }
    if (!(frame.getValue("action") instanceof String name)) {
      error(ErrorCode.VALIDATION_ERROR, "frame needs a string \"action\"");
      return Future.succeededFuture();
    }
    try {
      switch (name) {
        case "subscribe" -> {
          return subscribe(frame);
        }
        case "unsubscribe" -> unsubscribe(frame);
        case "replay" -> startReplay(frame);
        case "ping" -> out.control(new JsonObject().put("type", "pong").put("id", frame.getValue("id")).encode());
        case "auth" -> error(ErrorCode.VALIDATION_ERROR, "already authenticated");
        default -> error(ErrorCode.VALIDATION_ERROR, "unknown action '" + name + "' (auth, subscribe, unsubscribe, replay, ping)");
      }
    } catch (Failure f) {
      error(f.code(), f.getMessage());
    } catch (RuntimeException e) {
      LOG.error("stream frame '{}' of user {} failed", name, caller.userId(), e);
      error(ErrorCode.INTERNAL_SERVER_ERROR, "internal error");
    }
    return Future.succeededFuture();
  }

  /** SPEC §6: nothing but {@code auth} is served before it; every other frame, readable or not, is told so. */
  private Future<Void> beforeAuthentication(String text) {
    JsonObject frame = text.length() > endpoint.maxFrameChars() ? null : parse(text);
    if (frame != null && "auth".equals(frame.getValue("action"))) {
      return authenticate(frame.getValue("token") instanceof String t ? t : null);
    }
    error(ErrorCode.AUTHENTICATION_ERROR, "authenticate first: {\"action\":\"auth\",\"token\":\"...\"}");
    return Future.succeededFuture();
  }

  /** The frame as a JSON object, or null when it is not one. */
  private static JsonObject parse(String text) {
    try {
      return io.vertx.core.json.Json.decodeValue(text) instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private Future<Void> authenticate(String token) {
    if (token == null || token.isBlank()) {
      error(ErrorCode.AUTHENTICATION_ERROR, "token is missing");
      socket.close(CLOSE_UNAUTHENTICATED, "authentication failed");
      return Future.succeededFuture();
    }
    return endpoint.verifier().verify(token).<Void>transform(result -> {
      if (result.succeeded()) {
        admit(result.result());
      } else {
        error(ErrorCode.AUTHENTICATION_ERROR, Failure.from(result.cause()).getMessage());
        socket.close(CLOSE_UNAUTHENTICATED, "authentication failed");
      }
      return Future.succeededFuture();
    });
  }

  private void admit(Caller verified) {
    if (closed) {
      return;
    }
    if (!endpoint.admit(verified, this)) {
      error(ErrorCode.RATE_LIMIT_EXCEEDED, "too many open stream connections for this user (limit "
          + endpoint.maxConnectionsPerUser() + ")");
      socket.close(CLOSE_TOO_MANY_CONNECTIONS, "connection limit");
      return;
    }
    caller = verified;
    endpoint.vertx().cancelTimer(authTimer);
    out.control(new JsonObject().put("type", "authenticated").put("user_id", caller.userId())
        .put("roles", new JsonArray(caller.roles())).encode());
  }

  private Future<Void> subscribe(JsonObject frame) {
    SubscriptionRequest request = SubscriptionRequest.parse(frame, true);
    for (StreamChannel channel : request.channels()) {
      require(channel.permission(), "channel " + channel.wireName());
    }
    if (request.allSymbols()) {
      require(io.ndc.gateway.http.Permissions.STREAM_ALL, "symbol \"*\"");
    }
    return subscriptions.add(request, caller.userId()).transform(done -> {
      if (done.failed()) {
        Failure failure = Failure.from(done.cause());
        error(failure.code(), failure.getMessage());
      } else {
        out.control(subscriptions.state("subscribed"));
      }
      return Future.succeededFuture();
    });
  }

  private void unsubscribe(JsonObject frame) {
    subscriptions.remove(SubscriptionRequest.parse(frame, false));
    out.control(subscriptions.state("unsubscribed"));
  }

  private void require(String permission, String what) {
    if (!AccessPolicy.allows(caller, permission)) {
      throw new Failure(ErrorCode.AUTHORIZATION_ERROR, what + " needs the " + permission + " permission, which your roles do not grant");
    }
  }

  private void startReplay(JsonObject frame) {
    require(io.ndc.gateway.http.Permissions.STOCKS_READ, "replay");
    if (replay != null && !replay.finished()) {
      throw new Failure(ErrorCode.CONFLICT, "a replay is already running on this connection");
    }
    replay = ReplayTask.parse(frame, this, endpoint);
    replay.start();
  }

  void error(ErrorCode code, String message) {
    endpoint.metrics().badFrames.increment();
    out.control(new JsonObject().put("type", "error").put("code", code.name()).put("message", message).encode());
  }

  private void cleanUp() {
    if (closed) {
      return;
    }
    closed = true;
    order.close();
    endpoint.vertx().cancelTimer(authTimer);
    if (replay != null) {
      replay.cancel();
    }
    out.close();
    subscriptions.clear();
    endpoint.release(this);
  }

  boolean isClosed() {
    return closed;
  }
}
