package io.ndc.gateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounded way out of one connection. While the socket keeps up, events are written at once (or gathered into
 * a batch frame every {@code batchMs} when the client asked for batching). When its write queue is full, trades wait
 * conflated to the newest per symbol and other events wait in a bounded backlog; a client still behind after
 * {@code slowTimeoutMs}, or whose backlog overflows, is closed with 4008. A slow client costs only its own memory.
 *
 * <p>Whether the socket's write queue is full is asked once per write, after it, and kept until the socket's drain
 * handler (or the periodic tick) says otherwise: only this queue's writes fill it, so the answer cannot go stale
 * towards full in between, and an event costs one such check instead of one before and one after its write.
 */
final class OutboundQueue {
  static final short CLOSE_SLOW = 4008;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final StreamMetrics metrics;
  private final boolean batching;
  private final int maxBacklog;
  private final long slowTimeoutMs;
  private final List<String> batch = new ArrayList<>();
  private final ArrayDeque<String> backlog = new ArrayDeque<>();
  private final Map<String, String> conflated = new LinkedHashMap<>();
  private final List<Runnable> drainWaiters = new ArrayList<>();
  /** The socket's write queue was full after the last write; cleared when it drains. */
  private boolean full;
  private long behindSince;
  private long timerId = -1;
  private boolean closed;

  OutboundQueue(Vertx vertx, ServerWebSocket socket, StreamMetrics metrics, boolean batching, long batchMs,
      int maxBacklog, long slowTimeoutMs) {
    this.vertx = vertx;
    this.socket = socket;
    this.metrics = metrics;
    this.batching = batching;
    this.maxBacklog = maxBacklog;
    this.slowTimeoutMs = slowTimeoutMs;
    socket.drainHandler(v -> drain());
    timerId = vertx.setPeriodic(batching ? batchMs : Math.max(250, slowTimeoutMs / 4), id -> tick());
  }

  /** A control frame (pong, subscribed, error): written at once, never conflated or batched. */
  void control(String frame) {
    if (!closed) {
      socket.writeTextMessage(frame);
      metrics.framesOut.increment();
      full = socket.writeQueueFull();
    }
  }

  /** An event; {@code conflationKey} non-null marks it replaceable by a newer event with the same key. */
  void event(String frame, String conflationKey) {
    if (closed) {
      return;
    }
    if (behind()) {
      if (conflationKey != null) {
        if (conflated.put(conflationKey, frame) != null) {
          metrics.conflated.increment();
        }
      } else {
        backlog.add(frame);
        if (backlog.size() > maxBacklog) {
          closeSlow("backlog of " + backlog.size() + " events exceeded");
        }
      }
      return;
    }
    if (batching) {
      batch.add(frame);
    } else {
      write(frame, 1);
    }
  }

  /** Whether the client is not keeping up: writes would only pile up in memory. */
  boolean behind() {
    return full || !backlog.isEmpty() || !conflated.isEmpty();
  }

  /** Runs once the client has caught up (replay at speed 0 paces itself with this). */
  void whenWritable(Runnable action) {
    if (behind()) {
      drainWaiters.add(action);
    } else {
      action.run();
    }
  }

  private void write(String frame, int events) {
    socket.writeTextMessage(frame);
    metrics.framesOut.increment();
    metrics.eventsOut.increment(events);
    full = socket.writeQueueFull();
    if (full && behindSince == 0) {
      behindSince = System.currentTimeMillis();
    }
  }

  private void tick() {
    if (closed) {
      return;
    }
    if (full && !socket.writeQueueFull()) {
      // drained without its handler having run yet: write what waits now
      drain();
    }
    if (batching && !batch.isEmpty() && !full) {
      writeBatch(batch);
      batch.clear();
    }
    if (behind()) {
      if (behindSince == 0) {
        behindSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - behindSince > slowTimeoutMs) {
        closeSlow("behind for more than " + slowTimeoutMs + " ms");
      }
    }
  }

  private void drain() {
    if (closed) {
      return;
    }
    full = false;
    List<String> flush = new ArrayList<>();
    while (!backlog.isEmpty()) {
      flush.add(backlog.poll());
    }
    for (Iterator<String> it = conflated.values().iterator(); it.hasNext(); ) {
      flush.add(it.next());
      it.remove();
    }
    if (!flush.isEmpty()) {
      if (batching) {
        writeBatch(flush);
      } else {
        flush.forEach(f -> write(f, 1));
      }
    }
    if (!full) {
      behindSince = 0;
      List<Runnable> waiters = new ArrayList<>(drainWaiters);
      drainWaiters.clear();
      waiters.forEach(Runnable::run);
    }
  }

  private void writeBatch(List<String> events) {
    StringBuilder frame = new StringBuilder(events.size() * 96 + 32).append("{\"type\":\"batch\",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        frame.append(',');
      }
      frame.append(events.get(i));
    }
    write(frame.append("]}").toString(), events.size());
  }

  private void closeSlow(String reason) {
    metrics.closedSlow.increment();
    close();
    socket.close(CLOSE_SLOW, "client too slow: " + reason);
  }

  /** Stops timers and drops whatever is pending; the socket itself is closed by the session. */
  void close() {
    if (!closed) {
      closed = true;
      vertx.cancelTimer(timerId);
      backlog.clear();
      conflated.clear();
      batch.clear();
      drainWaiters.clear();
    }
  }
}
