package io.ndc.collector.source;

/**
 * A token bucket as the generic cell rate algorithm (GCRA): the whole state is one number, the theoretical arrival
 * time (TAT, epoch µs) at which the bucket is full again, so it fits one cluster-wide counter updated by
 * compare-and-set. A token refills every {@code intervalMicros}; the bucket holds {@code capacity} tokens, i.e. a
 * request may go out while the TAT is at most {@code (capacity - 1) * interval} ahead of now. Pure: the caller
 * supplies the stored TAT and the clock.
 *
 * <p>Requests reserve their slot: {@link #reserve} always advances the TAT by one interval and says how long the
 * caller must wait for its slot. Waiting callers therefore never race for the next token (one compare-and-set each,
 * served in the order they reserved); a slot reserved by a caller that dies while waiting is lost, which only ever
 * makes the source used less than allowed.
 *
 * <p>The gateway's rate limit is another token bucket ({@code RateLimiter}, a Lua script in Redis). Both stay because
 * they answer different questions: the gateway refuses a request over the limit at once and reports the tokens left
 * and the refill time, taking several tokens per Redis call, in Redis, which the collector does not use; here a
 * request over the quota waits for its slot instead, and a reservation is one compare-and-set of one number on the
 * cluster's own counter.
 */
public record TokenBucket(long intervalMicros, int capacity) {
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  public TokenBucket {
    if (intervalMicros < 1 || capacity < 1) {
      throw new IllegalArgumentException("a token bucket needs an interval and a capacity of at least 1");
    }
  }

  /** {@code quotaPerMinute} tokens a minute (the interval rounded up, so the rate never exceeds the quota). */
  public static TokenBucket perMinute(int quotaPerMinute, int capacity) {
    if (quotaPerMinute < 1) {
      throw new IllegalArgumentException("quota_per_minute must be at least 1");
    }
    return new TokenBucket((MICROS_PER_MINUTE + quotaPerMinute - 1) / quotaPerMinute, capacity);
  }

  /** The capacity when a source sets none: ten seconds' worth of its quota, at least one request. */
  public static int defaultCapacity(int quotaPerMinute) {
    return Math.max(1, quotaPerMinute / 6);
  }

  /** A request's slot: the TAT to store, and how long after {@code now} the request may go out (0: at once). */
  public record Reservation(long newTat, long waitMicros) {
  }

  public Reservation reserve(long storedTat, long now) {
    long tat = Math.max(storedTat, now);
    long toleranceMicros = (capacity - 1L) * intervalMicros;
    return new Reservation(tat + intervalMicros, Math.max(0, tat - toleranceMicros - now));
  }

  /**
   * Tokens taken and not yet refilled at {@code now}: 0 when the bucket is full, {@code capacity} when the next
   * request has to wait, more when requests are already waiting for their slots.
   */
  public long used(long storedTat, long now) {
    long ahead = storedTat - now;
    return ahead <= 0 ? 0 : (ahead + intervalMicros - 1) / intervalMicros;
  }

  /** Requests that may go out at once at {@code now}. */
  public long available(long storedTat, long now) {
    return Math.max(0, capacity - used(storedTat, now));
  }
}
