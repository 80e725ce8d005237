package io.ndc.collector.source;

/**
 * Why a source call did not give data. The job pipeline decides by {@link Kind}: a throttled call waits without
 * burning an attempt, an unavailable source is retried with backoff, a rejected request (unknown symbol, HTML where
 * CSV was expected, an unsupported dataset) will not get better by retrying.
 */
public final class SourceFailure extends RuntimeException {
  public enum Kind {
    THROTTLED,
    UNAVAILABLE,
    REJECTED
  }

  private final Kind kind;
  private final long retryAfterMs;

  private SourceFailure(Kind kind, String message, long retryAfterMs, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }

  public static SourceFailure throttled(String message, long retryAfterMs) {
    return new SourceFailure(Kind.THROTTLED, message, retryAfterMs, null);
  }

  public static SourceFailure unavailable(String message) {
    return new SourceFailure(Kind.UNAVAILABLE, message, 0, null);
  }

  public static SourceFailure unavailable(String message, Throwable cause) {
    return new SourceFailure(Kind.UNAVAILABLE, message, 0, cause);
  }

  public static SourceFailure rejected(String message) {
    return new SourceFailure(Kind.REJECTED, message, 0, null);
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#THROTTLED}: how long the source asked us to wait (0 when it did not say). */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
