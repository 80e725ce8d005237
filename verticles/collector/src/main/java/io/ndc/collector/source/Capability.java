package io.ndc.collector.source;

/** What a source can deliver (SPEC §8). */
public enum Capability {
  HISTORY_BARS,
  LIVE_TRADES,
  INSTRUMENTS,
  TRADING_TRENDS,
  FINANCIALS
}
