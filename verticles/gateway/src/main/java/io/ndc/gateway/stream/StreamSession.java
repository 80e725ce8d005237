package io.ndc.gateway.stream;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.Symbols;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.security.AccessPolicy;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One client connection of {@code /ws/v1/stream}: authentication first, then subscribe / unsubscribe / replay /
 * ping. Every bad frame is answered with an error frame and the connection stays open; only authentication
 * failures (4001), slowness (4008), the per-user connection limit (4029), a missing heartbeat (4002) and the node's
 * drain (1001) close it.
 */
final class StreamSession implements StreamSubscriber {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamSession.class);
  static final short CLOSE_UNAUTHENTICATED = 4001;
  static final short CLOSE_NO_HEARTBEAT = 4002;
  static final short CLOSE_TOO_MANY_CONNECTIONS = 4029;
  /** Frames held while an earlier one is answered; past this many the socket stops reading (TCP back-pressure). */
  private static final int MAX_WAITING_FRAMES = 64;

  private final StreamEndpoint endpoint;
  private final ServerWebSocket socket;
  private final OutboundQueue out;
  /** What this session listens to: one (channel, symbol, bus address) per subscription, in the order they were made. */
  private final Set<Subscription> subscriptions = new LinkedHashSet<>();
  private Caller caller;
  private long authTimer;
  private long lastPongMs = System.currentTimeMillis();
  private ReplayTask replay;
  private boolean closed;
  /** Frames that arrived while an earlier frame's answer (token check, bus registrations) was still pending. */
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private boolean answering;
  private boolean readingPaused;

  record Subscription(StreamChannel channel, String symbol, String address) {
  }

  StreamSession(StreamEndpoint endpoint, ServerWebSocket socket, OutboundQueue out) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.out = out;
  }

  void start(String queryToken, long authTimeoutMs) {
    socket.textMessageHandler(this::inOrder);
    socket.binaryMessageHandler(b -> error(ErrorCode.VALIDATION_ERROR, "frames must be JSON text"));
    socket.pongHandler(b -> lastPongMs = System.currentTimeMillis());
    socket.closeHandler(v -> cleanUp());
    socket.exceptionHandler(e -> socket.close());
    if (queryToken != null && !queryToken.isBlank()) {
      answerInOrder(authenticate(queryToken));
    } else {
      authTimer = endpoint.vertx().setTimer(authTimeoutMs, id -> {
        if (caller == null && !closed) {
          socket.close(CLOSE_UNAUTHENTICATED, "not authenticated within " + authTimeoutMs / 1000 + " s");
        }
      });
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

  /**
   * SPEC §6: frames are handled in the order they arrive. A frame whose answer is asynchronous (auth verifies the
   * token over the bus, subscribe waits for its bus registrations) holds the frames behind it until it is answered,
   * so {@code auth} + {@code subscribe} + {@code ping} sent in one burst are answered authenticated, subscribed, pong.
   */
  private void inOrder(String text) {
    if (answering) {
      waiting.add(text);
      if (waiting.size() >= MAX_WAITING_FRAMES && !readingPaused) {
        readingPaused = true;
        socket.pause();
      }
      return;
    }
    answerInOrder(onText(text));
  }

  private void answerInOrder(Future<Void> answered) {
    if (answered.isComplete()) {
      return;
    }
    answering = true;
    answered.onComplete(done -> {
      answering = false;
      while (!answering && !waiting.isEmpty() && !closed) {
        answerInOrder(onText(waiting.poll()));
      }
      if (readingPaused && waiting.size() < MAX_WAITING_FRAMES / 2) {
        readingPaused = false;
        socket.resume();
      }
    });
  }

  /** Handles one frame; the future completes when its answer has been queued. */
  private Future<Void> onText(String text) {
    if (text.length() > endpoint.maxFrameChars()) {
      error(ErrorCode.PAYLOAD_TOO_LARGE, "frame of " + text.length() + " characters exceeds " + endpoint.maxFrameChars());
      return Future.succeededFuture();
    }
    JsonObject frame;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (!(parsed instanceof JsonObject object)) {
        error(ErrorCode.VALIDATION_ERROR, "a frame must be a JSON object with an action");
        return Future.succeededFuture();
      }
      frame = object;
    } catch (DecodeException e) {
      error(ErrorCode.VALIDATION_ERROR, "frame is not valid JSON");
      return Future.succeededFuture();
    }
    Object action = frame.getValue("action");
    if (!(action instanceof String name)) {
      error(ErrorCode.VALIDATION_ERROR, "frame needs a string \"action\"");
      return Future.succeededFuture();
    }
    if (caller == null) {
      if ("auth".equals(name)) {
        return authenticate(frame.getValue("token") instanceof String t ? t : null);
      }
      error(ErrorCode.AUTHENTICATION_ERROR, "authenticate first: {\"action\":\"auth\",\"token\":\"...\"}");
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
    List<StreamChannel> channels = channels(frame);
    List<String> symbols = symbols(frame, channels);
    for (StreamChannel channel : channels) {
      require(channel.permission(), "channel " + channel.wireName());
    }
    if (symbols.contains(MarketAddresses.ALL_SYMBOLS)) {
      require(io.ndc.gateway.http.Permissions.STREAM_ALL, "symbol \"*\"");
    }
    List<String> indicators = channels.stream().anyMatch(StreamChannel::indicators) ? strings(frame, "indicators") : null;
    List<Subscription> added = new ArrayList<>();
    for (StreamChannel channel : channels) {
      for (String symbol : channel.perSymbol() ? symbols : List.of(caller.userId())) {
        Subscription s = new Subscription(channel, channel.perSymbol() ? symbol : null, channel.address(symbol, indicators));
        if (!subscriptions.contains(s)) {
          added.add(s);
        }
      }
    }
    if (subscriptions.size() + added.size() > endpoint.maxSubscriptions()) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "subscription limit is " + endpoint.maxSubscriptions()
          + " channel-symbol pairs per connection (" + subscriptions.size() + " held, " + added.size() + " asked)");
    }
    List<Future<Void>> registered = new ArrayList<>();
    for (Subscription s : added) {
      subscriptions.add(s);
      registered.add(endpoint.hub().add(this, s.address(), s.channel(), s.symbol()));
    }
    // acknowledge only when the bus registrations are visible cluster-wide, so no event is missed after the ack
    return Future.all(registered).transform(done -> {
      if (done.failed()) {
        // a live indicator set the analysis service refused (bad indicator) or cannot serve: nothing of this frame stays
        added.forEach(s -> {
          subscriptions.remove(s);
          endpoint.hub().remove(this, s.address());
        });
        Failure failure = Failure.from(done.cause());
        error(failure.code(), failure.getMessage());
        return Future.succeededFuture();
      }
      out.control(state("subscribed"));
      return Future.succeededFuture();
    });
  }

  private void unsubscribe(JsonObject frame) {
    List<StreamChannel> channels = channels(frame);
    List<String> symbols = symbols(frame, channels);
    subscriptions.removeIf(s -> {
      boolean match = channels.contains(s.channel()) && (!s.channel().perSymbol() || symbols.contains(s.symbol()));
      if (match) {
        endpoint.hub().remove(this, s.address());
      }
      return match;
    });
    out.control(state("unsubscribed"));
  }

  /** The full current set, whatever the request changed (so clients never have to track deltas). */
  private String state(String type) {
    Set<String> channels = new TreeSet<>();
    Set<String> symbols = new TreeSet<>();
    for (Subscription s : subscriptions) {
      channels.add(s.channel().wireName());
      if (s.symbol() != null) {
        symbols.add(s.symbol());
      }
    }
    return new JsonObject().put("type", type).put("channels", new JsonArray(List.copyOf(channels)))
        .put("symbols", new JsonArray(List.copyOf(symbols))).encode();
  }

  private List<StreamChannel> channels(JsonObject frame) {
    List<String> names = strings(frame, "channels");
    List<StreamChannel> channels = new ArrayList<>();
    for (String name : names) {
      channels.add(StreamChannel.of(name).orElseThrow(() -> new Failure(ErrorCode.VALIDATION_ERROR,
          "unknown channel '" + name + "' (" + StreamChannel.names() + ")")));
    }
    return channels;
  }

  /** The frame's symbols as {@link Symbols} normalizes them ({@code "*"} kept), for channels that take symbols. */
  static List<String> symbols(JsonObject frame, List<StreamChannel> channels) {
    boolean needed = channels.stream().anyMatch(StreamChannel::perSymbol);
    if (!needed && !frame.containsKey("symbols")) {
      return List.of();
    }
    List<String> symbols = new ArrayList<>();
    for (String text : strings(frame, "symbols")) {
      if (text.equals(MarketAddresses.ALL_SYMBOLS)) {
        symbols.add(text);
        continue;
      }
      try {
        String symbol = Symbols.normalize(text);
        if (symbol == null) {
          throw new IllegalArgumentException("blank");
        }
        symbols.add(symbol);
      } catch (IllegalArgumentException e) {
        throw new Failure(ErrorCode.VALIDATION_ERROR, "invalid symbol '" + text + "' (" + Symbols.RULE + ")");
      }
    }
    return symbols;
  }

  private static List<String> strings(JsonObject frame, String field) {
    Object value = frame.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "\"" + field + "\" must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s)) {
        throw new Failure(ErrorCode.VALIDATION_ERROR, "\"" + field + "\" must contain only strings");
      }
      out.add(s);
    }
    return out;
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
    waiting.clear();
    endpoint.vertx().cancelTimer(authTimer);
    if (replay != null) {
      replay.cancel();
    }
    out.close();
    subscriptions.forEach(s -> endpoint.hub().remove(this, s.address()));
    subscriptions.clear();
    endpoint.release(this);
  }

  boolean isClosed() {
    return closed;
  }
}
