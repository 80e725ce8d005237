package io.ndc.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.analysis.AnalysisService;
import io.ndc.analysis.indicators.Bars;
import io.ndc.analysis.indicators.IndicatorCatalog;
import io.ndc.contract.Failure;
import io.ndc.contract.RawContent;
import io.ndc.contract.BarInterval;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.ndc.contract.analysis.AnalysisAddresses;
import io.ndc.contract.analysis.IndicatorInterest;
import io.ndc.platform.testing.Waits;
import io.ndc.platform.testing.TcpProxy;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The analysis service over a fake storage on the bus, with the real Redis (or a cut relay to it). */
class AnalysisServiceTest {
  /** The lifetime analysis grants live leases in the lease test (analysis.live.interest_ttl_ms). */
  private static final long LEASE_MS = 400;
  private Vertx vertx;
  private FakeStorage storage;
  private TcpProxy proxy;
  private Vertx proxyVertx;

  private void start(String redisUrl) {
    start(redisUrl, new JsonObject());
  }

  private void start(String redisUrl, JsonObject analysis) {
    vertx = Vertx.vertx();
    storage = new FakeStorage(vertx);
    JsonObject config = TestConfig.forDatabase(TestConfig.uniqueDatabase("analysis_svc"));
    if (redisUrl != null) {
      config.put("redis", new JsonObject().put("url", redisUrl));
    }
    config.put("analysis", analysis.copy().put("cache", new JsonObject().put("timeout_ms", 200)));
    vertx.deployVerticle(new AnalysisService(), new DeploymentOptions().setConfig(config)).await();
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (proxyVertx != null) {
      proxyVertx.close().await();
    }
  }

  private JsonObject call(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).await().body();
  }

  private Failure failure(String address, JsonObject body) {
    try {
      vertx.eventBus().request(address, body).await();
    } catch (Exception e) {
      return Failure.from(e);
    }
    throw new AssertionError("no failure");
  }

  private static JsonObject technical(String symbol, String start, String end, String indicators) {
    return new JsonObject().put("symbol", symbol).put("start_date", start).put("end_date", end).put("indicators", indicators);
  }

  private Bars stored(String symbol, String from, String to) {
    TreeMap<Long, double[]> s = storage.bars.get(symbol);
    Map<Long, double[]> range = s.subMap(FakeStorage.day(from), true, FakeStorage.day(to), true);
    int n = range.size();
    long[] ts = new long[n];
    double[][] c = new double[5][n];
    int i = 0;
    for (Map.Entry<Long, double[]> e : range.entrySet()) {
      ts[i] = e.getKey();
      for (int k = 0; k < 5; k++) {
        c[k][i] = e.getValue()[k];
      }
      i++;
    }
    return new Bars(ts, c[0], c[1], c[2], c[3], c[4]);
  }

  private static List<Double> nullable(double[] values, int from) {
    List<Double> out = new ArrayList<>();
    for (int i = from; i < values.length; i++) {
      out.add(Double.isNaN(values[i]) ? null : values[i]);
    }
    return out;
  }

  @Test
  void warmupAutoStartsValuesAtTheRangesFirstBarAndNoneIsTheRangeAlone() {
    start(null);
    storage.daily("AAPL", "2024-06-28", 300, 100, 101, 99, 103, 102, 98, 104);
    JsonObject auto = call(AnalysisAddresses.TECHNICAL_QUERY, technical("AAPL", "2024-06-01", "2024-06-30", "sma:20,ema:12,rsi:14,bollinger:20:2"));
    JsonArray dates = auto.getJsonArray("dates");
    assertThat(dates.getString(0)).isEqualTo("2024-06-03");
    assertThat(dates.getString(dates.size() - 1)).isEqualTo("2024-06-28");
    JsonObject indicators = auto.getJsonObject("indicators");
    assertThat(indicators.fieldNames()).containsExactly("sma_20", "ema_12", "rsi_14", "bollinger_20_2");
    // each indicator on exactly its own look-back before the range: TA-Lib over those bars
    Bars ema = stored("AAPL", "2024-05-17", "2024-06-28"); // 11 weekdays before June 3
    assertThat(ema.size()).isEqualTo(11 + dates.size());
    assertThat(indicators.getJsonArray("ema_12").getList())
        .isEqualTo(nullable(IndicatorCatalog.compute(IndicatorCatalog.parse("ema:12"), ema).get("value"), 11));
    assertThat(indicators.getJsonArray("rsi_14").getValue(0)).isNotNull();
    assertThat(indicators.getJsonObject("bollinger_20_2").getJsonArray("upper")).hasSize(dates.size());

    JsonObject none = call(AnalysisAddresses.TECHNICAL_QUERY, technical("AAPL", "2024-06-01", "2024-06-30", "ema:12")
        .put("warmup", "none"));
    Bars range = stored("AAPL", "2024-06-01", "2024-06-30");
    assertThat(none.getJsonObject("indicators").getJsonArray("ema_12").getList())
        .isEqualTo(nullable(IndicatorCatalog.compute(IndicatorCatalog.parse("ema:12"), range).get("value"), 0));
    assertThat(none.getJsonObject("indicators").getJsonArray("ema_12").getValue(0)).isNull();
  }

  @Test
  void answersAreCachedAndADataChangeMakesTheNextAnswerNew() {
    start(null);
    storage.daily("MSFT", "2024-03-29", 60, 50, 52, 51);
    JsonObject query = technical("MSFT", "2024-03-01", "2024-03-31", "sma:5");
    JsonObject first = call(AnalysisAddresses.TECHNICAL_QUERY, query);
    int reads = storage.queries.get();
    assertThat(call(AnalysisAddresses.TECHNICAL_QUERY, query)).isEqualTo(first);
    assertThat(storage.queries.get()).as("hot series in memory").isEqualTo(reads);

    storage.bars.get("MSFT").put(FakeStorage.day("2024-03-29"), new double[] {90, 91, 89, 90, 1});
    assertThat(call(AnalysisAddresses.TECHNICAL_QUERY, query)).as("not told yet").isEqualTo(first);
    storage.changed("MSFT", "2024-03-29");
    JsonObject revised = awaitChange(query, first);
    JsonArray sma = revised.getJsonObject("indicators").getJsonArray("sma_5");
    assertThat(sma.getDouble(sma.size() - 1)).isGreaterThan(first.getJsonObject("indicators").getJsonArray("sma_5")
        .getDouble(sma.size() - 1) + 5);
  }

  private JsonObject awaitChange(JsonObject query, JsonObject old) {
    for (int i = 0; i < 50; i++) {
      JsonObject now = call(AnalysisAddresses.TECHNICAL_QUERY, query);
      if (!now.equals(old)) {
        return now;
      }
      vertx.timer(20).await();
    }
    throw new AssertionError("the answer never changed");
  }

  @Test
  void withRedisCutAnswersAreComputedAfreshWithoutError() {
    String[] hostPort = TestConfig.REDIS_URL.replace("redis://", "").split(":");
    proxyVertx = Vertx.vertx();
    proxy = new TcpProxy(proxyVertx, hostPort[0], Integer.parseInt(hostPort[1]));
    int port = proxy.up().await();
    start("redis://127.0.0.1:" + port);
    storage.daily("NVDA", "2024-03-29", 80, 10, 11, 12, 11);
    JsonObject query = technical("NVDA", "2024-03-01", "2024-03-31", "rsi:14,macd:12:26:9");
    JsonObject before = call(AnalysisAddresses.TECHNICAL_QUERY, query);
    proxy.down().await();
    for (int i = 0; i < 5; i++) {
      assertThat(call(AnalysisAddresses.TECHNICAL_QUERY, query)).isEqualTo(before);
    }
    storage.bars.get("NVDA").put(FakeStorage.day("2024-03-29"), new double[] {30, 31, 29, 30, 1});
    storage.changed("NVDA", "2024-03-29");
    assertThat(awaitChange(query, before)).isNotEqualTo(before);
    proxy.up().await();
  }

  @Test
  void badInputIsA400NamingIt() {
    start(null);
    storage.daily("AMD", "2024-03-29", 30, 10, 11);
    assertThat(failure(AnalysisAddresses.TECHNICAL_QUERY, technical("AMD", "2024-03-01", "2024-03-31", "sma:20,foo:3"))
        .getMessage()).contains("unknown indicator 'foo'");
    assertThat(failure(AnalysisAddresses.TECHNICAL_QUERY, technical("AMD", "2024-03-01", "2024-03-31", "rsi:0"))
        .getMessage()).contains("rsi:0");
    String many = String.join(",", java.util.Collections.nCopies(21, "sma:5"));
    assertThat(failure(AnalysisAddresses.TECHNICAL_QUERY, technical("AMD", "2024-03-01", "2024-03-31", many))
        .getMessage()).contains("too many indicators");
    assertThat(failure(AnalysisAddresses.TECHNICAL_QUERY, technical("ZZZ", "2024-03-01", "2024-03-31", "sma:5")).status())
        .isEqualTo(404);
    Failure position = failure(AnalysisAddresses.CUSTOM_EVALUATE, new JsonObject().put("symbol", "AMD")
        .put("expression", "close > smaa(close, 3)"));
    assertThat(position.status()).isEqualTo(400);
    assertThat(position.getMessage()).contains("'smaa'").contains("at 1:9");
    assertThat(position.details().getInteger("column")).isEqualTo(9);
    assertThat(failure(AnalysisAddresses.CUSTOM_EVALUATE, new JsonObject().put("symbol", "AMD")
        .put("expression", "close + ".repeat(300) + "1")).getMessage()).containsAnyOf("characters", "nodes");
  }

  @Test
  void customScreenAndChartAnswer() {
    start(null);
    storage.daily("UP", "2024-03-29", 40, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    storage.daily("FLAT", "2024-03-29", 40, 10);
    storage.daily("SHORT", "2024-03-29", 3, 10);
    JsonObject custom = call(AnalysisAddresses.CUSTOM_EVALUATE, new JsonObject().put("symbol", "UP")
        .put("start_date", "2024-03-25").put("end_date", "2024-03-29")
        .put("expressions", new JsonObject().put("above", "close > sma(close, 5)").put("mid", "(high + low) / 2")));
    assertThat(custom.getJsonArray("dates")).hasSize(5);
    assertThat(custom.getJsonObject("series").getJsonArray("above").getValue(0)).isInstanceOf(Boolean.class);
    assertThat(custom.getJsonObject("series").getJsonArray("mid").getDouble(0)).isNotNull();

    int single = storage.queries.get();
    JsonObject screen = call(AnalysisAddresses.SCREEN_RUN, new JsonObject().put("expression", "close >= sma(close, 5)")
        .put("all", true).put("rank_by", "close").put("date", "2024-03-29"));
    assertThat(storage.manyQueries.get()).as("the symbols' last bars in one storage request").isEqualTo(1);
    assertThat(storage.queries.get()).as("no request per symbol").isEqualTo(single);
    assertThat(screen.getInteger("evaluated")).isEqualTo(2);
    assertThat(screen.getJsonArray("skipped").getJsonObject(0).getMap()).containsEntry("symbol", "SHORT");
    assertThat(screen.getJsonArray("skipped").getJsonObject(0).getString("reason")).contains("not enough bars");
    assertThat(screen.getJsonArray("matches").stream().map(m -> ((JsonObject) m).getString("symbol")).toList())
        .contains("FLAT");
    assertThat(screen.getLong("elapsed_ms")).isNotNull();

    JsonObject svg = call(AnalysisAddresses.VISUALIZATION_RENDER, new JsonObject().put("symbol", "UP")
        .put("start_date", "2024-03-01").put("indicators", "sma:5,rsi:14,bollinger:20:2").put("format", "svg"));
    RawContent raw = RawContent.fromReply(svg);
    assertThat(raw.contentType()).isEqualTo("image/svg+xml");
    assertThat(raw.body()).startsWith("<svg").contains("data-name=\"rsi_14\"").contains("data-name=\"volume\"")
        .contains("2024-03-01").contains("bollinger_20_2.upper");
    JsonObject json = call(AnalysisAddresses.VISUALIZATION_RENDER, new JsonObject().put("symbol", "UP")
        .put("start_date", "2024-03-01").put("indicators", "sma:5,rsi:14"));
    assertThat(json.getJsonObject("overlays").fieldNames()).containsExactly("sma_5");
    assertThat(json.getJsonObject("panes").fieldNames()).containsExactly("rsi_14");
    assertThat(json.getJsonArray("candles")).hasSize(json.getJsonArray("volume").size());
  }

  private JsonObject live() {
    return call(SystemAddresses.healthCheck(ServiceName.ANALYSIS), new JsonObject()).getJsonObject("details").getJsonObject("live");
  }

  private static JsonObject interest(String indicator, long ttlMs) {
    return new IndicatorInterest(BarInterval.DAILY, "LIV", List.of(indicator), ttlMs).toJson();
  }

  @Test
  void liveLeasesLastAtMostTheConfiguredLifetimeUnlessRenewed() {
    start(null, new JsonObject().put("live", new JsonObject().put("interest_ttl_ms", LEASE_MS)));
    storage.daily("LIV", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), 30, 10, 11, 12);
    JsonObject lapsing = call(AnalysisAddresses.INDICATOR_INTEREST, interest("sma:5", 60_000));
    assertThat(lapsing.getLong("ttl_ms")).as("granted: at most analysis.live.interest_ttl_ms").isEqualTo(LEASE_MS);
    JsonObject kept = call(AnalysisAddresses.INDICATOR_INTEREST, interest("sma:3", 60_000));
    assertThat(call(AnalysisAddresses.INDICATOR_INTEREST, interest("rsi:14", 100)).getLong("ttl_ms"))
        .as("a shorter lease is granted as asked").isEqualTo(100);
    assertThat(live().getMap()).containsEntry("leases", 3).containsEntry("streams", 1);

    String node = kept.getString("node");
    long renewals = vertx.setPeriodic(LEASE_MS / 4, t -> vertx.eventBus().request(AnalysisAddresses.interestOn(node),
        interest("sma:3", 60_000)));
    Waits.until(Waits.await("the leases not renewed lapse").atMost(Duration.ofSeconds(10)), this::live,
        l -> l.getInteger("leases") == 1, JsonObject::encode);
    assertThat(live().getMap()).as("the renewed one holds the stream").containsEntry("leases", 1).containsEntry("streams", 1);
    vertx.cancelTimer(renewals);
    Waits.until(Waits.await("the last lease lapses and the stream ends").atMost(Duration.ofSeconds(10)), this::live,
        l -> l.getInteger("leases") == 0 && l.getInteger("streams") == 0, JsonObject::encode);
  }
}
