package io.ndc.gateway.security;

import io.ndc.gateway.security.RateLimiter.Decision;
import io.ndc.gateway.security.RateLimiter.Limit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * The tokens this gateway instance holds per bucket key: a lease of several tokens taken from the shared Redis bucket
 * in one round trip and spent here, so a busy caller costs one Redis request per lease rather than per request.
 * A lease is spent or dropped within {@code leaseMs}: a token taken from the bucket is used within that time or never,
 * so no node can save tokens up and later exceed the shared rate. A lease is at most a tenth of the bucket, or the
 * tokens the bucket refills in {@code leaseMs} if fewer; a bucket that refills less than one token in that time is
 * asked for every request, exactly as without leases. After Redis refuses, requests for that key are refused here
 * until the bucket can have refilled one token (its {@code Retry-After}), since only the refill adds tokens.
 * Confined to one event loop (the gateway verticle's), so it needs no locks.
 */
final class TokenLeases {
  /** What the shared bucket gave: {@code tokens} taken (0 = refused); {@code enforced} false when it was not asked. */
  record Grant(int tokens, long remaining, long retryAfterMs, long resetMs, boolean enforced) {
    static Grant unenforced() {
      return new Grant(0, 0, 0, 0, false);
    }
  }

  /** Takes up to {@code tokens} tokens from the shared bucket {@code key}; never fails. */
  interface Fetcher {
    Future<Grant> fetch(String key, Limit limit, int tokens);
  }

  private static final int PURGE_ABOVE_KEYS = 10_000;

  private static final class Lease {
    int tokens;
    long expiresAt;
    long remaining;
    long resetMs;
    long refusedUntil;
    Future<Void> pending;
  }

  private final long leaseMs;
  private final Fetcher fetcher;
  private final Map<String, Lease> leases = new HashMap<>();

  TokenLeases(long leaseMs, Fetcher fetcher) {
    this.leaseMs = leaseMs;
    this.fetcher = fetcher;
  }

  static int leaseSize(Limit limit, long leaseMs) {
    return (int) Math.max(1, Math.min(limit.capacity() / 10, Math.floor(limit.perSecond() * leaseMs / 1000.0)));
  }

  Future<Decision> take(String key, Limit limit) {
    long now = System.currentTimeMillis();
    Lease lease = leases.get(key);
    if (lease != null) {
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens--;
        return Future.succeededFuture(new Decision(true, limit, lease.remaining + lease.tokens, 0, lease.resetMs, true));
      }
      if (now < lease.refusedUntil) {
        return Future.succeededFuture(new Decision(false, limit, 0, lease.refusedUntil - now, lease.resetMs, true));
      }
      if (lease.pending != null) {
        return lease.pending.compose(v -> take(key, limit));
      }
    }
    int size = leaseSize(limit, leaseMs);
    if (size == 1) {
      // nothing to share between concurrent requests: each asks the bucket itself, without queueing behind another
      return fetcher.fetch(key, limit, 1).map(grant -> decide(grant, limit, remember(key), now));
    }
    Lease target = lease != null ? lease : remember(key);
    Promise<Void> fetched = Promise.promise();
    target.pending = fetched.future();
    return fetcher.fetch(key, limit, size).map(grant -> {
      target.pending = null;
      Decision decision = decide(grant, limit, target, now);
      // requests that waited for this lease take from it now
      fetched.complete();
      return decision;
    });
  }

  private Decision decide(Grant grant, Limit limit, Lease lease, long now) {
    if (!grant.enforced()) {
      return new Decision(true, limit, limit.capacity(), 0, 0, false);
    }
    lease.remaining = grant.remaining();
    lease.resetMs = grant.resetMs();
    if (grant.tokens() == 0) {
      lease.tokens = 0;
      lease.refusedUntil = now + grant.retryAfterMs();
      return new Decision(false, limit, 0, grant.retryAfterMs(), grant.resetMs(), true);
    }
    lease.tokens = grant.tokens() - 1;
    lease.expiresAt = now + leaseMs;
    return new Decision(true, limit, grant.remaining() + lease.tokens, 0, grant.resetMs(), true);
  }

  private Lease remember(String key) {
    if (leases.size() >= PURGE_ABOVE_KEYS) {
      long now = System.currentTimeMillis();
      leases.values().removeIf(l -> l.pending == null && now >= l.expiresAt && now >= l.refusedUntil);
    }
    return leases.computeIfAbsent(key, k -> new Lease());
  }
}
