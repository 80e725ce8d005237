package io.ndc.collector.source.finnhub;

import io.ndc.collector.source.LiveFeed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finnhub's trade stream: subscribes each symbol after connecting (Finnhub sends no acknowledgement), treats its
 * pings as heartbeats, and when the connection drops or goes silent past the heartbeat timeout, reconnects with
 * exponential backoff and subscribes again; the listener hears every drop and reconnect (the feed's owner then
 * repairs the gap from the REST candles).
 */
final class FinnhubFeed implements LiveFeed {
  record Settings(String wsUrl, String token, int maxSymbols, long heartbeatTimeoutMs, long reconnectMaxMs) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(FinnhubFeed.class);
  private static final long FIRST_BACKOFF_MS = 500;

  private final Vertx vertx;
  private final Settings settings;
  private final List<String> symbols;
  private final Listener listener;
  private final WebSocketClient client;
  private final long watchdog;
  private WebSocket socket;
  private long lastFrameMillis = System.currentTimeMillis();
  private long backoffMs = FIRST_BACKOFF_MS;
  private boolean everConnected;
  private boolean closed;

  FinnhubFeed(Vertx vertx, Settings settings, List<String> symbols, Listener listener) {
    this.vertx = vertx;
    this.settings = settings;
    this.symbols = List.copyOf(symbols);
    this.listener = listener;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(2));
    this.watchdog = vertx.setPeriodic(Math.max(100, settings.heartbeatTimeoutMs() / 3), id -> checkHeartbeat());
    connect();
  }

  private void connect() {
    if (closed) {
      return;
    }
    String url = settings.wsUrl() + (settings.wsUrl().contains("?") ? "&" : "?") + "token="
        + URLEncoder.encode(settings.token(), StandardCharsets.UTF_8);
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).onComplete(ar -> {
      if (ar.failed()) {
        scheduleReconnect("connect failed: " + ar.cause().getMessage());
        return;
      }
      if (closed) {
        ar.result().close();
        return;
      }
      opened(ar.result());
    });
  }

  private void opened(WebSocket ws) {
    socket = ws;
    lastFrameMillis = System.currentTimeMillis();
    backoffMs = FIRST_BACKOFF_MS;
    ws.textMessageHandler(this::frame);
    ws.exceptionHandler(e -> LOG.debug("finnhub socket error: {}", e.toString()));
    ws.closeHandler(v -> {
      if (socket == ws) {
        socket = null;
        scheduleReconnect("connection closed" + (ws.closeReason() == null ? "" : ": " + ws.closeReason()));
      }
    });
    for (String symbol : symbols) {
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("symbol", symbol).encode());
    }
    boolean reconnect = everConnected;
    everConnected = true;
    listener.connected(reconnect);
  }

  private void frame(String text) {
    lastFrameMillis = System.currentTimeMillis();
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException e) {
      LOG.warn("finnhub sent a frame that is not a JSON object: {}", text.length() > 200 ? text.substring(0, 200) : text);
      return;
    }
    if ("error".equals(frame.getString("type"))) {
      LOG.warn("finnhub reported an error: {}", frame.getString("msg"));
      return;
    }
    for (FinnhubParser.Trade t : FinnhubParser.trades(frame)) {
      listener.trade(t.symbol(), t.price(), t.size(), t.epochMillis());
    }
  }

  private void checkHeartbeat() {
    WebSocket ws = socket;
    if (ws != null && System.currentTimeMillis() - lastFrameMillis > settings.heartbeatTimeoutMs()) {
      socket = null;
      ws.close();
      scheduleReconnect("no frame or ping for " + settings.heartbeatTimeoutMs() + " ms");
    }
  }

  private void scheduleReconnect(String reason) {
    if (closed) {
      return;
    }
    listener.disconnected(reason);
    long delay = backoffMs / 2 + (long) (Math.random() * backoffMs / 2);
    backoffMs = Math.min(settings.reconnectMaxMs(), backoffMs * 2);
    vertx.setTimer(Math.max(1, delay), id -> connect());
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(watchdog);
    WebSocket ws = socket;
    socket = null;
    Future<Void> closing = ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
    return closing.compose(v -> client.close());
  }
}
