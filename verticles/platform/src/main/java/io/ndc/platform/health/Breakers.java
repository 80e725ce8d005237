package io.ndc.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.ndc.platform.metrics.Metrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named circuit breakers per Vert.x instance. Every outbound dependency call goes through one; their states are
 * reported by health checks and exported as {@code ndc_breaker_state} (0 closed, 1 half-open, 2 open).
 */
public final class Breakers {
  private static final Map<Vertx, Map<String, CircuitBreaker>> BY_VERTX = Collections.synchronizedMap(new WeakHashMap<>());

  private Breakers() {
  }

  public static CircuitBreaker get(Vertx vertx, String name) {
    return get(vertx, name, new CircuitBreakerOptions()
        .setMaxFailures(5)
        .setTimeout(-1)
        .setResetTimeout(5_000)
        .setFailuresRollingWindow(10_000));
  }

  public static CircuitBreaker get(Vertx vertx, String name, CircuitBreakerOptions options) {
    Map<String, CircuitBreaker> breakers = BY_VERTX.computeIfAbsent(vertx, v -> new ConcurrentHashMap<>());
    return breakers.computeIfAbsent(name, n -> {
      CircuitBreaker breaker = CircuitBreaker.create(n, vertx, options);
      Gauge.builder("ndc_breaker_state", breaker, b -> stateValue(b.state()))
          .description("circuit breaker state: 0 closed, 1 half-open, 2 open")
          .tag("name", n)
          .strongReference(false)
          .register(Metrics.registry());
      return breaker;
    });
  }

  /** Name to state of every breaker created on this Vert.x instance, sorted by name. */
  public static Map<String, CircuitBreakerState> states(Vertx vertx) {
    Map<String, CircuitBreakerState> states = new TreeMap<>();
    for (Entry<String, CircuitBreaker> e : BY_VERTX.getOrDefault(vertx, Map.of()).entrySet()) {
      states.put(e.getKey(), e.getValue().state());
    }
    return states;
  }

  private static int stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
