package io.ndc.collector.demo;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.jobs.JobSubmitter;
import io.ndc.collector.live.LiveFeeds;
import io.ndc.collector.source.Dataset;
import io.ndc.collector.source.SourceDefinition;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.JobStore;
import io.ndc.collector.store.SourceStore;
import io.ndc.platform.clients.Postgres;
import io.ndc.platform.config.Settings;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * {@code --demo}: creates (idempotently, by fixed ids) a simulated source, a live collector for the demo symbols at a
 * few trades per second each, and a daily-history collector over the last year, and queues the history job (it is
 * incremental, so a restart only fetches what is missing).
 */
public final class DemoSetupVerticle extends VerticleBase {
  public static final String SOURCE_ID = "demo-simulated";
  public static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "005930", "000660");
  public static final UUID LIVE_COLLECTOR = UUID.nameUUIDFromBytes("ndc-demo-live".getBytes(StandardCharsets.UTF_8));
  public static final UUID HISTORY_COLLECTOR = UUID.nameUUIDFromBytes("ndc-demo-history".getBytes(StandardCharsets.UTF_8));
  public static final UUID INSTRUMENTS_COLLECTOR = UUID.nameUUIDFromBytes("ndc-demo-instruments".getBytes(StandardCharsets.UTF_8));

  private JobQueue queue;

  @Override
  public Future<?> start() {
    Pool pg = Postgres.pool(vertx, config(), "collector");
    SourceStore sources = new SourceStore(pg, SecretBox.fromConfig(config()));
    CollectorStore collectors = new CollectorStore(pg);
    queue = new JobQueue(vertx, config(), JobQueue.retryPolicy(config()));
    JobSubmitter submitter = new JobSubmitter(new JobStore(pg), queue);
    double perSymbol = Settings.of(config()).number("collector.demo.trades_per_second_per_symbol");
    JsonObject params = new JsonObject().put("symbols", new JsonArray(SYMBOLS)).put("trades_per_second", perSymbol * SYMBOLS.size())
        .put("seed", 42).put("instruments", instruments());
    SourceDefinition source = new SourceDefinition(SOURCE_ID, "simulated", null, null, 600, params);
    Collector live = new Collector(LIVE_COLLECTOR, SOURCE_ID, Dataset.TRADES, SYMBOLS, null, null, null, true, new JsonObject());
    Collector history = new Collector(HISTORY_COLLECTOR, SOURCE_ID, Dataset.BARS, SYMBOLS, "daily",
        LocalDate.now(ZoneOffset.UTC).minusYears(1), null, false, new JsonObject());
    Collector reference = new Collector(INSTRUMENTS_COLLECTOR, SOURCE_ID, Dataset.INSTRUMENTS, SYMBOLS, null, null, null, false,
        new JsonObject());
    return queue.start()
        .compose(v -> sources.insert(source, true))
        .compose(v -> collectors.insert(live, true))
        .compose(v -> collectors.insert(history, true))
        .compose(v -> collectors.insert(reference, true))
        .compose(v -> submitter.submit(INSTRUMENTS_COLLECTOR, "demo"))
        .compose(v -> submitter.submit(HISTORY_COLLECTOR, "demo"))
        .onSuccess(v -> LiveFeeds.changed(vertx));
  }

  /** Reference data of the demo symbols, so they show with their names and markets rather than as OTHER. */
  private static JsonObject instruments() {
    return new JsonObject()
        .put("AAPL", instrument("Apple Inc.", "NASDAQ", "Technology", "Consumer Electronics", "USD"))
        .put("MSFT", instrument("Microsoft Corporation", "NASDAQ", "Technology", "Software", "USD"))
        .put("NVDA", instrument("NVIDIA Corporation", "NASDAQ", "Technology", "Semiconductors", "USD"))
        .put("005930", instrument("Samsung Electronics", "KOSPI", "Technology", "Consumer Electronics", "KRW"))
        .put("000660", instrument("SK hynix", "KOSPI", "Technology", "Semiconductors", "KRW"));
  }

  private static JsonObject instrument(String name, String market, String sector, String industry, String currency) {
    return new JsonObject().put("name", name).put("market", market).put("sector", sector).put("industry", industry).put("currency", currency);
  }

  @Override
  public Future<?> stop() {
    return queue.stop();
  }
}
