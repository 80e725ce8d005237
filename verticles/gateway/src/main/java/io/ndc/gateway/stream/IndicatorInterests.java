package io.ndc.gateway.stream;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.IndicatorInterest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live indicator sets this node's clients stream, held as leases with the analysis service: the first session
 * of a set takes it on {@code ndc.analysis.indicator.interest} (the analysis node that answers computes it and
 * publishes on the set's address), asking for {@code stream.indicator_ttl_ms}; the node grants at most its own
 * {@code analysis.live.interest_ttl_ms} and says so in the reply's {@code ttl_ms}. Renewals after a fifth to a third
 * (at random) of the granted lifetime go to that node's own address, a renewal that fails takes the lease anew from any analysis node, and the
 * last session leaving releases it.
 */
final class IndicatorInterests {
  private static final Logger LOG = LoggerFactory.getLogger(IndicatorInterests.class);

  private final Vertx vertx;
  private final long ttlMs;
  private final long timeoutMs;
  /** address → the analysis node holding the lease (null while it is being taken) */
  private final Map<String, Held> held = new HashMap<>();

  private static final class Held {
    final IndicatorInterest interest;
    String node;
    /** The pending renewal, -1 when none. */
    long timer = -1;

    Held(IndicatorInterest interest) {
      this.interest = interest;
    }
  }

  IndicatorInterests(Vertx vertx, long ttlMs, long timeoutMs) {
    this.vertx = vertx;
    this.ttlMs = ttlMs;
    this.timeoutMs = timeoutMs;
  }

  void close() {
    held.values().forEach(entry -> vertx.cancelTimer(entry.timer));
  }

  /** The interest an indicator address stands for ({@code ndc.analysis.indicator.<interval>.<SYMBOL>.<specs>}). */
  static IndicatorInterest parse(String address, long ttlMs) {
    String rest = address.substring(AnalysisAddresses.INDICATOR_PREFIX.length());
    int dot = rest.indexOf('.');
    // symbols are upper case and may hold dots; the specs start with a lower-case indicator name
    int specs = dot + 1;
    while (specs < rest.length() && !(rest.charAt(specs - 1) == '.' && Character.isLowerCase(rest.charAt(specs)))) {
      specs++;
    }
    return new IndicatorInterest(BarInterval.parse(rest.substring(0, dot)),
        rest.substring(dot + 1, specs - 1), List.of(rest.substring(specs).split(",")), ttlMs);
  }

  /** Takes the lease of the set published on {@code address}; fails as the analysis service does (400, 503). */
  Future<Void> take(String address) {
    Held entry = new Held(parse(address, ttlMs));
    held.put(address, entry);
    return send(AnalysisAddresses.INDICATOR_INTEREST, entry).onFailure(e -> held.remove(address, entry)).mapEmpty();
  }

  void release(String address) {
    Held entry = held.remove(address);
    if (entry != null) {
      vertx.cancelTimer(entry.timer);
    }
    if (entry != null && entry.node != null) {
      IndicatorInterest release = new IndicatorInterest(entry.interest.interval(), entry.interest.symbol(),
          entry.interest.indicators(), 0);
      vertx.eventBus().request(AnalysisAddresses.interestOn(entry.node), release.toJson(), options())
          .onFailure(e -> LOG.debug("releasing {} failed: {}", address, e.getMessage()));
    }
  }

  private void renew(String address, Held entry) {
    if (held.get(address) != entry) {
      return;
    }
    send(AnalysisAddresses.interestOn(entry.node), entry).onFailure(e -> {
      LOG.info("indicator lease {} on {} not renewed ({}); taking it anew", address, entry.node, e.getMessage());
      entry.node = null;
      send(AnalysisAddresses.INDICATOR_INTEREST, entry);
    });
  }

  /** Records the node that holds the lease and schedules the renewal at a third of the lifetime it granted. */
  private Future<String> send(String to, Held entry) {
    return vertx.eventBus().<JsonObject>request(to, entry.interest.toJson(), options())
        .recover(e -> Future.failedFuture(Failure.from(e)))
        .map(reply -> {
          entry.node = reply.body().getString("node");
          long granted = reply.body().getLong("ttl_ms", ttlMs);
          String address = entry.interest.address();
          if (held.get(address) == entry) {
            // between a fifth and a third of the lifetime: leases taken together (a client subscribing to many
            // symbols at once) do not come back for renewal in one burst that would stall the streams
            long delay = granted / 5 + (long) (ThreadLocalRandom.current().nextDouble() * (granted / 3 - granted / 5));
            entry.timer = vertx.setTimer(Math.max(50, delay), id -> renew(address, entry));
          }
          return entry.node;
        });
  }

  private DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** Addresses with a lease (for tests). */
  int size() {
    return held.size();
  }
}
