package io.ndc.collector.live;

import io.ndc.contract.market.TradeEvent;
import io.ndc.collector.source.LiveFeed;
import io.ndc.collector.source.SourceStatus;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.BarInterval;
import io.ndc.contract.storage.BarsIngest;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.contract.storage.TradesIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a live feed's trades go through: a per-symbol sequence number, publication on {@code ndc.market.trade.<SYMBOL>},
 * 1m aggregation published on {@code ndc.market.bar.1m.<SYMBOL>} (forming bars at most once per flush tick with
 * {@code final=false}, then once with {@code final=true}) and batched writes of trades and final bars to storage.
 */
final class TradePipeline implements LiveFeed.Listener {
  static final long CLOSE_GRACE_MS = 2_000;

  private final EventBus bus;
  private final SourceStatus status;
  private final long drainMs;
  private final BarAggregator bars = new BarAggregator();
  private final BatchWriter tradeWriter;
  private final BatchWriter barWriter;
  private final Map<String, long[]> lastSeq = new HashMap<>();
  private final Listener connection;
  private long lastTradeMillis;
  private long trades;

  /** Connection changes the feed's owner records (reconnects, gaps). */
  interface Listener {
    void connected(boolean reconnect, long lastTradeMillis);

    void disconnected(String reason);
  }

  TradePipeline(Vertx vertx, String sourceId, SourceStatus status, LiveSettings settings, Listener connection) {
    this.drainMs = settings.drainMs();
    this.bus = vertx.eventBus();
    this.status = status;
    this.connection = connection;
    this.tradeWriter = new BatchWriter(vertx, StorageAddresses.TRADES_INGEST,
        rows -> new TradesIngest(sourceId, rows).toJson(), settings);
    this.barWriter = new BatchWriter(vertx, StorageAddresses.BARS_INGEST,
        rows -> new BarsIngest(sourceId, BarInterval.M1, rows).toJson(), settings);
  }

  @Override
  public void trade(String symbol, double price, double size, long epochMillis) {
    long seq = nextSeq(symbol, epochMillis);
    String ts = Instant.ofEpochMilli(epochMillis).toString();
    publish(MarketAddresses.trade(symbol), MarketAddresses.trade(MarketAddresses.ALL_SYMBOLS),
        new TradeEvent(symbol, price, size, ts, seq).toJson());
    tradeWriter.add(new JsonObject().put("symbol", symbol).put("price", price).put("size", size).put("ts", ts).put("seq", seq), epochMillis);
    BarAggregator.Bar closed = bars.add(symbol, price, size, epochMillis);
    if (closed != null) {
      finish(closed);
    }
    lastTradeMillis = Math.max(lastTradeMillis, epochMillis);
    trades++;
    status.messageReceived();
  }

  /**
   * Sequence numbers only increase per symbol, also across a move to another node: they never fall below the trade
   * time in microseconds, so a new owner, whose trades come at least a millisecond after the old owner's last one (a
   * takeover waits for the lock), continues above what the old one sent (fewer than 1,000 trades per symbol and ms).
   */
  private long nextSeq(String symbol, long epochMillis) {
    long[] last = lastSeq.computeIfAbsent(symbol, s -> new long[] {0});
    last[0] = Math.max(last[0] + 1, epochMillis * 1000);
    return last[0];
  }

  private void finish(BarAggregator.Bar bar) {
    JsonObject json = bar.toJson(true);
    publishBar(bar.symbol, json);
    barWriter.add(new JsonObject().put("symbol", bar.symbol).put("ts", json.getString("ts")).put("open", bar.open)
        .put("high", bar.high).put("low", bar.low).put("close", bar.close).put("volume", bar.volume),
        bar.start + BarAggregator.MINUTE_MS);
  }

  private void publishBar(String symbol, JsonObject json) {
    publish(MarketAddresses.bar("1m", symbol), MarketAddresses.bar("1m", MarketAddresses.ALL_SYMBOLS), json);
  }

  /** Each event goes to its symbol's address and to the every-symbol one (only "*" subscribers' nodes listen there). */
  private void publish(String symbolAddress, String everySymbolAddress, JsonObject event) {
    bus.publish(symbolAddress, event);
    bus.publish(everySymbolAddress, event);
  }

  /** The periodic tick: closes bars whose minute is over, re-sends forming ones that changed, flushes storage writes. */
  Future<Void> tick(long nowMillis) {
    // a grace period lets vendor trades stamped just before the minute's end arrive before its bar is final
    bars.closeBefore(nowMillis - CLOSE_GRACE_MS).forEach(this::finish);
    for (BarAggregator.Bar bar : bars.changedForming()) {
      publishBar(bar.symbol, bar.toJson(false));
    }
    return Future.all(tradeWriter.flush(), barWriter.flush()).mapEmpty();
  }

  /**
   * Writes what is buffered when the feed stops, for up to {@code collector.live.drain_ms} (what is left then, or
   * after a failed write, is dropped and counted). Forming bars are not finalised: the minute is not over, and the
   * node that takes the feed over builds that minute's bar from its own trades.
   */
  Future<Void> drain() {
    long deadline = System.currentTimeMillis() + drainMs;
    return Future.all(tradeWriter.drain(deadline), barWriter.drain(deadline)).<Void>mapEmpty()
        .onComplete(ar -> {
          tradeWriter.close();
          barWriter.close();
        });
  }

  @Override
  public void connected(boolean reconnect) {
    connection.connected(reconnect, lastTradeMillis);
  }

  @Override
  public void disconnected(String reason) {
    connection.disconnected(reason);
  }

  long trades() {
    return trades;
  }

  int buffered() {
    return tradeWriter.buffered() + barWriter.buffered();
  }
}
