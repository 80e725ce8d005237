package io.ndc.contract.storage;

/**
 * Bus addresses of the storage service. Bodies are JSON objects whose shapes are documented per constant; the
 * storage service reads and validates them on arrival.
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
  /**
   * Instruments upsert. Body {@code {"instruments":[{"symbol","name","market","sector","industry","currency"}]}} or
   * one instrument's fields at the top level; reply {@code {"items":[...]}} with the stored instruments.
   */
  public static final String INSTRUMENTS_UPSERT = "ndc.storage.instruments.upsert";
  /**
   * The newest stored bar time for incremental collection. Body {@code {"symbol","interval"}}; reply
   * {@code {"symbol","interval","last":"YYYY-MM-DD"|ISO instant|null}}.
   */
  public static final String BARS_LAST = "ndc.storage.bars.last";
  /**
   * CSV bar import. Body {@code {"csv":"...","symbol"?,"interval"?,"source"?}} (columns per SPEC §5); reply as for
   * {@link #BARS_INGEST}. A CSV without the needed columns is refused whole (400) before anything is written.
   */
  public static final String BARS_IMPORT = "ndc.storage.bars.import";
  /**
   * Bars of one symbol. Body {@code {"symbol","interval"?,"start_date"?,"end_date"?,"as_of"?}}; reply
   * {@code {"symbol","name","interval","prices":[{"date"|"ts","open","high","low","close","volume","change"}]}}.
   */
  public static final String BARS_QUERY = "ndc.storage.bars.query";
  /** The last bars of many symbols in one request ({@link BarTailsQuery}: body, columnar reply). */
  public static final String BARS_QUERY_MANY = "ndc.storage.bars.query_many";
  /**
   * Every known version of a bar. Body {@code {"symbol","date"|"ts"?,"interval"?,"page"?,"limit"?}}; reply a page of
   * {@code {"date"|"ts","version","open",...,"source","batch_id","recorded_at","replaced_at"|null,"current"}}.
   */
  public static final String BARS_VERSIONS = "ndc.storage.bars.versions";
  /** Trades of one symbol. Body {@code {"symbol","from"?,"to"?,"page"?,"limit"?}}; reply a page of trades. */
  public static final String TRADES_QUERY = "ndc.storage.trades.query";
  /** Trading trends. Body {@code {"symbol","start_date"?,"end_date"?,"investor_type"?}}; reply {@code {"symbol","items"}}. */
  public static final String TRENDS_QUERY = "ndc.storage.trends.query";
  /** Financials. Body {@code {"symbol","year"?,"quarter"?}}; reply {@code {"symbol","items"}}. */
  public static final String FINANCIALS_QUERY = "ndc.storage.financials.query";
  /** Instruments. Body {@code {"market"?,"sector"?,"q"?,"page"?,"limit"?}}; reply a page of instruments. */
  public static final String INSTRUMENTS_LIST = "ndc.storage.instruments.list";
  /** One instrument with {@code latest_price} ({@code {"price","ts","interval"}} or null). Body {@code {"symbol"}}. */
  public static final String INSTRUMENT_GET = "ndc.storage.instruments.get";
  /** One ingest batch with its counts and status. Body {@code {"id"}}. */
  public static final String BATCH_GET = "ndc.storage.batches.get";
  /** The rejected rows of a batch: a page of {@code {"row_index","symbol","reason","raw"}}. Body {@code {"id","page"?,"limit"?}}. */
  public static final String BATCH_REJECTIONS = "ndc.storage.batches.rejections";
  /**
   * Undoes a bar batch: rows it inserted are removed, rows it revised get their previous values back (rows revised
   * again since are left alone). Body {@code {"id"}}; reply {@code {"batch_id","rollback_batch_id","removed",
   * "restored","skipped"}}; 409 when already rolled back.
   */
  public static final String BATCH_ROLLBACK = "ndc.storage.batches.rollback";
  /**
   * Published after each committed batch that changed something (including rollbacks):
   * {@code {"batch_id","kind","symbols":[...],"interval","from","to"}}; {@code from}/{@code to} are ISO instants.
   */
  public static final String DATA_CHANGED = "ndc.storage.data.changed";

  private StorageAddresses() {
  }
}
