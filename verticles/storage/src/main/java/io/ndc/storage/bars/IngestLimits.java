package io.ndc.storage.bars;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The time bounds of what storage accepts: intraday bars and trades no older than the intraday retention (their
 * partitions are dropped after it), and nothing dated before {@code storage.ingest.earliest_date} (1800-01-01), so a
 * request with year-1 or BC dates is refused row by row instead of failing in PostgreSQL, and partitions are created
 * only within the range. The latest time is the present (a daily bar may be dated today anywhere on Earth).
 */
public record IngestLimits(Duration intradayRetention, LocalDate earliestDate) {
}
