package io.ndc.gateway.stream;

import io.ndc.contract.BarInterval;
import io.ndc.contract.BarIntervals;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.Symbols;
import io.ndc.contract.storage.PriceQuery;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Streams stored bars over the socket as if they were live: the gap between two bars is their time difference
 * divided by {@code speed}; speed 0 sends as fast as the client reads (paced by the socket's write queue). Frames
 * are the live {@code bar} frames with {@code "replay":true}; a {@code replay_done} frame ends it.
 */
final class ReplayTask {
  private static final double MAX_SPEED = 1_000_000;

  private final StreamSession session;
  private final StreamEndpoint endpoint;
  private final String symbol;
  private final String interval;
  private final String from;
  private final String to;
  private final double speed;
  private JsonArray bars;
  private int next;
  private long timer = -1;
  private boolean finished;

  private ReplayTask(StreamSession session, StreamEndpoint endpoint, String symbol, String interval, String from, String to,
      double speed) {
    this.session = session;
    this.endpoint = endpoint;
    this.symbol = symbol;
    this.interval = interval;
    this.from = from;
    this.to = to;
    this.speed = speed;
  }

  static ReplayTask parse(JsonObject frame, StreamSession session, StreamEndpoint endpoint) {
    String symbol = text(frame, "symbol");
    if (!Symbols.valid(symbol)) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "invalid symbol '" + symbol + "' (" + Symbols.RULE + ")");
    }
    String interval = frame.getValue("interval") == null ? "1m" : text(frame, "interval");
    if (!BarIntervals.ALL.contains(interval)) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "unknown interval '" + interval + "'; use one of "
          + String.join(", ", BarIntervals.ALL));
    }
    Object speedValue = frame.getValue("speed", 1);
    if (!(speedValue instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > MAX_SPEED) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "\"speed\" must be a number from 0 (as fast as you read) to " + (long) MAX_SPEED);
    }
    return new ReplayTask(session, endpoint, symbol, interval, text(frame, "from"), text(frame, "to"), n.doubleValue());
  }

  private static String text(JsonObject frame, String field) {
    Object value = frame.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new Failure(ErrorCode.VALIDATION_ERROR, "replay needs \"" + field + "\"");
    }
    return s;
  }

  boolean finished() {
    return finished;
  }

  void start() {
    JsonObject query = new PriceQuery(symbol, BarInterval.parse(interval), from, to, null).toJson();
    endpoint.forwarder().request(StorageAddresses.BARS_QUERY, query, session.caller()).onComplete(reply -> {
      if (finished) {
        return;
      }
      bars = ((JsonObject) reply).getJsonArray("prices", new JsonArray());
      sendNext();
    }, error -> {
      finished = true;
      Failure f = Failure.from(error);
      session.error(f.code(), "replay failed: " + f.getMessage());
    });
  }

  void cancel() {
    finished = true;
    endpoint.vertx().cancelTimer(timer);
  }

  private void sendNext() {
    if (finished) {
      return;
    }
    if (next >= bars.size()) {
      finished = true;
      session.out().control(new JsonObject().put("type", "replay_done").put("symbol", symbol).put("interval", interval)
          .put("bars", bars.size()).encode());
      return;
    }
    JsonObject bar = bars.getJsonObject(next++);
    JsonObject frame = new JsonObject().put("type", "bar").put("interval", interval).put("symbol", symbol);
    bar.forEach(e -> {
      if (!"change".equals(e.getKey())) {
        frame.put(e.getKey(), e.getValue());
      }
    });
    session.out().event(frame.put("final", true).put("replay", true).encode(), null);
    if (speed == 0) {
      session.out().whenWritable(this::sendNext);
    } else if (next < bars.size()) {
      long gapMs = (long) ((epochMs(bars.getJsonObject(next)) - epochMs(bar)) / speed);
      timer = endpoint.vertx().setTimer(Math.max(1, gapMs), id -> sendNext());
    } else {
      sendNext();
    }
  }

  private static long epochMs(JsonObject bar) {
    String ts = bar.getString("ts");
    return ts != null ? Instant.parse(ts).toEpochMilli()
        : LocalDate.parse(bar.getString("date")).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
