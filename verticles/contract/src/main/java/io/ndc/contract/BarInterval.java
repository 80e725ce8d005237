package io.ndc.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/** The bar intervals of NDC (SPEC §5) with their lengths; {@link BarIntervals} lists their ids. */
public enum BarInterval {
  M1("1m", 60_000L),
  M5("5m", 300_000L),
  M15("15m", 900_000L),
  H1("1h", 3_600_000L),
  DAILY("daily", 86_400_000L),
  WEEKLY("weekly", 7 * 86_400_000L),
  MONTHLY("monthly", 31 * 86_400_000L);

  private final String id;
  private final long lengthMs;

  BarInterval(String id, long lengthMs) {
    this.id = id;
    this.lengthMs = lengthMs;
  }

  public String id() {
    return id;
  }

  /** The nominal length of one bar (a month counts 31 days). */
  public long lengthMs() {
    return lengthMs;
  }

  public boolean intraday() {
    return lengthMs < DAILY.lengthMs;
  }

  /** A bar time as replies write it: {@code YYYY-MM-DD} for daily and longer, an ISO instant intraday. */
  public String format(long epochMs) {
    Instant ts = Instant.ofEpochMilli(epochMs);
    return intraday() ? ts.toString() : LocalDate.ofInstant(ts, ZoneOffset.UTC).toString();
  }

  /** The stored interval whose changes change this one's bars (weekly and monthly come from daily, 5m..1h from 1m). */
  public BarInterval base() {
    return switch (this) {
      case WEEKLY, MONTHLY -> DAILY;
      case M5, M15, H1 -> M1;
      default -> this;
    };
  }

  /** {@code null} or blank is {@link #DAILY}. */
  public static BarInterval parse(String text) {
    if (text == null || text.isBlank()) {
      return DAILY;
    }
    String wanted = text.trim();
    return Arrays.stream(values()).filter(i -> i.id.equalsIgnoreCase(wanted)).findFirst()
        .orElseThrow(() -> Failure.validation("unknown interval '" + text + "'; use one of "
            + String.join(", ", BarIntervals.ALL)));
  }
}
