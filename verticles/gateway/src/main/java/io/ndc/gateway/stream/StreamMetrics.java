package io.ndc.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stream endpoint of this node does, in {@code /metrics}, and the per-user connection counts: one per node,
 * shared by the gateway's verticle instances (each runs on its own event loop).
 */
public final class StreamMetrics {
  private static final java.util.Map<String, StreamMetrics> BY_NODE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Open connections per user on this node, across the gateway instances. */
  final java.util.concurrent.ConcurrentHashMap<String, Integer> connectionsPerUser = new java.util.concurrent.ConcurrentHashMap<>();
  final AtomicInteger clients = new AtomicInteger();
  final AtomicInteger subscriptions = new AtomicInteger();
  final Counter framesOut;
  final Counter eventsOut;
  final Counter conflated;
  final Counter nodeConflated;
  final Timer loopLag;
  final Counter closedSlow;
  final Counter busMessagesIn;
  final Counter badFrames;

  /** Meters carry the node id so several gateways in one JVM (tests) keep separate counts. */
  public static StreamMetrics forNode(MeterRegistry registry, String node) {
    return BY_NODE.computeIfAbsent(node, n -> new StreamMetrics(registry, n));
  }

  private StreamMetrics(MeterRegistry registry, String node) {
    Gauge.builder("ndc_ws_clients", clients, AtomicInteger::get).description("open stream connections on this node")
        .tag("node", node).strongReference(true).register(registry);
    Gauge.builder("ndc_ws_subscriptions", subscriptions, AtomicInteger::get).tag("node", node)
        .description("channel-symbol subscriptions of this node's clients").strongReference(true).register(registry);
    framesOut = counter(registry, node, "ndc_ws_frames_out", "text frames written to stream clients");
    eventsOut = counter(registry, node, "ndc_ws_events_out", "trade/bar/alert events delivered (a batch frame holds many)");
    conflated = counter(registry, node, "ndc_ws_conflated", "trades replaced by a newer one for a slow client");
    nodeConflated = counter(registry, node, "ndc_ws_node_conflated",
        "trades replaced by a newer one of the same symbol while this node was behind on its bus input");
    loopLag = Timer.builder("ndc_ws_event_loop_lag").tag("node", node)
        .description("how late the stream's event loop ran a due task (measured every 50 ms)").register(registry);
    closedSlow = counter(registry, node, "ndc_ws_closed_slow", "clients closed with 4008 for staying behind");
    busMessagesIn = counter(registry, node, "ndc_ws_bus_messages_in",
        "market publications this node received for its clients' subscriptions");
    badFrames = counter(registry, node, "ndc_ws_bad_frames", "client frames answered with an error");
  }

  private static Counter counter(MeterRegistry registry, String node, String name, String description) {
    return Counter.builder(name).description(description).tag("node", node).register(registry);
  }
}
