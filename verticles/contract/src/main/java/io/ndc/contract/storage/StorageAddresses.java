package io.ndc.contract.storage;

/**
 * Bus addresses of the storage service. Bodies are JSON objects; the shapes are documented per constant and
 * mapped to records in this package.
 */
public final class StorageAddresses {
  /**
   * Bulk bar ingest. Body {@code {"source","interval","rows":[{"symbol","date"|"ts","open","high","low","close",
   * "volume","adj_close"?}]}}; reply {@code {"batch_id","accepted","unchanged","revised","rejected"}}. The reply is
   * sent only after the batch has committed.
   */
  public static final String BARS_INGEST = "ndc.storage.bars.ingest";
  /** Trades. Body {@code {"source","trades":[{"symbol","price","size","ts","seq"?}]}}; reply as for bars. */
  public static final String TRADES_INGEST = "ndc.storage.trades.ingest";
  /** Investor trading trends. Body {@code {"source","rows":[...]}}; reply as for bars. */
  public static final String TRENDS_INGEST = "ndc.storage.trends.ingest";
  /** Quarterly financials. Body {@code {"source","rows":[...]}}; reply as for bars. */
  public static final String FINANCIALS_INGEST = "ndc.storage.financials.ingest";
  /** Instruments upsert. Body {@code {"instruments":[{"symbol","name","market","sector","industry","currency"}]}}. */
  public static final String INSTRUMENTS_UPSERT = "ndc.storage.instruments.upsert";
  /**
   * The newest stored bar time for incremental collection. Body {@code {"symbol","interval"}}; reply
   * {@code {"symbol","interval","last":"YYYY-MM-DD"|ISO instant|null}}.
   */
  public static final String BARS_LAST = "ndc.storage.bars.last";
  /**
   * Bars of one symbol. Body {@code {"symbol","interval"?,"start_date"?,"end_date"?,"as_of"?}}; reply
   * {@code {"symbol","name","interval","prices":[{"date"|"ts","open","high","low","close","volume","change"}]}}.
   */
  public static final String BARS_QUERY = "ndc.storage.bars.query";
  /** Published after each committed batch: {@code {"batch_id","kind","symbols":[...],"interval","from","to"}}. */
  public static final String DATA_CHANGED = "ndc.storage.data.changed";

  private StorageAddresses() {
  }
}
