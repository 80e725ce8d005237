package io.ndc.storage.bars;

import java.time.Instant;

/** A validated bar ready to be written; {@code volume} and {@code adjClose} may be absent (null). */
public record BarRow(String symbol, Instant ts, double open, double high, double low, double close, Double volume,
    Double adjClose) {
}
