package io.ndc.collector.source;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The source SPI. An adapter declares its capabilities and implements the matching calls; rows come back in the
 * shapes storage ingests ({@code StorageAddresses}), already normalised: exchange-local dates for daily bars, UTC
 * instants for intraday ones, numbers as numbers. Calls fail with {@link SourceFailure}.
 */
public interface SourceAdapter {

  Set<Capability> capabilities();

  /** Bars {@code {"symbol","date"|"ts","open","high","low","close","volume","adj_close"?}} in ascending time. */
  default Future<List<JsonObject>> historyBars(FetchRequest request) {
    return unsupported(Capability.HISTORY_BARS);
  }

  /** Investor trading trends {@code {"symbol","date","investor_type","buy_volume","sell_volume",...}}. */
  default Future<List<JsonObject>> tradingTrends(FetchRequest request) {
    return unsupported(Capability.TRADING_TRENDS);
  }

  /**
   * Quarterly financials {@code {"symbol","year","quarter","currency","revenue","operating_income","net_income","eps",
   * "total_assets","total_liabilities","total_equity"}} of the quarters whose period ends in the request's window, in
   * ascending time; a value the source does not have is null.
   */
  default Future<List<JsonObject>> financials(FetchRequest request) {
    return unsupported(Capability.FINANCIALS);
  }

  /** Instrument reference data {@code {"symbol","name","market","sector","industry","currency"}} for one symbol. */
  default Future<JsonObject> instrument(String symbol) {
    return unsupported(Capability.INSTRUMENTS);
  }

  /** Live trades for the symbols, pushed to the listener until the feed is closed. */
  default LiveFeed openFeed(List<String> symbols, LiveFeed.Listener listener) {
    throw SourceFailure.rejected("this source has no live trades");
  }

  /** The symbols a live collector with {@code ["*"]} follows. */
  default List<String> allSymbols() {
    throw SourceFailure.rejected("this source cannot list its symbols; name them");
  }

  private static <T> Future<T> unsupported(Capability capability) {
    return Future.failedFuture(SourceFailure.rejected("this source does not provide " + capability));
  }
}
