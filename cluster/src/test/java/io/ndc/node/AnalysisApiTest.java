package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis API on the real path: gateway route rows, the bus, the analysis service reading bars from the storage
 * service over the bus, PostgreSQL and Redis; live indicators to a WebSocket client in another JVM.
 */
class AnalysisApiTest {
  private static final String DB = TestConfig.uniqueDatabase("analysis_api");
  private static TestNode node;
  private static String operator;
  private static String viewer;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(DB), ServiceName.STORAGE, ServiceName.ANALYSIS);
    operator = TestUsers.tokenFor(node, "operator");
    viewer = TestUsers.tokenFor(node, "viewer");
    JsonArray rows = new JsonArray();
    LocalDate d = LocalDate.parse("2023-01-02");
    for (int i = 0; i < 400; d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() < 6) {
        double close = 100 + 10 * Math.sin(i / 7.0) + i * 0.05;
        rows.add(bar("AAPL", "date", d.toString(), close, 1000 + i));
        if (i < 10) {
          rows.add(bar("TINY", "date", d.toString(), close, 10));
        }
        i++;
      }
    }
    ingest("daily", rows);
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static JsonObject bar(String symbol, String timeField, String time, double close, double volume) {
    return new JsonObject().put("symbol", symbol).put(timeField, time).put("open", close - 0.5).put("high", close + 1)
        .put("low", close - 1).put("close", close).put("volume", volume);
  }

  private static JsonObject ingest(String interval, JsonArray rows) {
    return data(node.post("/api/v1/prices:batch", operator, new JsonObject().put("source", "test").put("interval", interval)
        .put("rows", rows)), 200);
  }

  private static JsonObject data(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject().getJsonObject("data");
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
    return response.bodyAsJsonObject().getJsonObject("error");
  }

  private static JsonObject technical(String query) {
    return data(node.get("/api/v1/analysis/technical/AAPL?" + query, viewer), 200);
  }

  @Test
  void technicalQueriesFollowRevisionsAndRollbacks() {
    String query = "start_date=2024-03-01&end_date=2024-03-29&indicators=sma:20,rsi:14,bollinger:20:2,macd:12:26:9";
    JsonObject first = technical(query);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("symbol", "interval", "dates", "indicators");
    JsonArray dates = first.getJsonArray("dates");
    assertThat(dates.getString(0)).isEqualTo("2024-03-01");
    JsonObject indicators = first.getJsonObject("indicators");
    assertThat(indicators.getJsonArray("sma_20")).hasSize(dates.size());
    assertThat(indicators.getJsonArray("sma_20").getValue(0)).as("warm-up auto").isNotNull();
    assertThat(indicators.getJsonObject("macd_12_26_9").fieldNames()).containsExactly("macd", "signal", "histogram");
    assertThat(indicators.getJsonObject("bollinger_20_2").getJsonArray("lower")).hasSize(dates.size());
    JsonObject none = technical(query + "&warmup=none");
    assertThat(none.getJsonObject("indicators").getJsonArray("sma_20").getValue(0)).isNull();
    assertThat(technical(query)).as("cached").isEqualTo(first);

    JsonObject revision = ingest("daily", new JsonArray().add(bar("AAPL", "date", "2024-03-29", 500, 1)));
    assertThat(revision.getInteger("revised")).isEqualTo(1);
    JsonObject revised = technical(query);
    int last = dates.size() - 1;
    assertThat(revised.getJsonObject("indicators").getJsonArray("sma_20").getDouble(last))
        .isGreaterThan(indicators.getJsonArray("sma_20").getDouble(last) + 10);
    data(node.post("/api/v1/batches/" + revision.getLong("batch_id") + ":rollback", operator, new JsonObject()), 200);
    assertThat(technical(query)).as("rolled back").isEqualTo(first);
  }

  @Test
  void badInputIsAClearErrorInTheEnvelope() {
    String base = "/api/v1/analysis/technical/AAPL?start_date=2024-03-01&end_date=2024-03-29";
    assertThat(error(node.get(base + "&indicators=sma:20,foo:3", viewer), 400).getString("message"))
        .contains("unknown indicator 'foo'");
    assertThat(error(node.get(base + "&indicators=rsi:abc", viewer), 400).getString("message")).contains("rsi:abc");
    assertThat(error(node.get(base, viewer), 400).getString("message")).contains("indicators");
    assertThat(error(node.get(base + "&indicators=" + "sma:5,".repeat(21) + "sma:6", viewer), 400).getString("message"))
        .contains("too many indicators");
    assertThat(error(node.get("/api/v1/analysis/technical/AAPL?start_date=2024-13-01&indicators=sma", viewer), 400)
        .getString("message")).contains("2024-13-01");
    assertThat(error(node.get("/api/v1/analysis/technical/AAPL?start_date=2024-03-02&end_date=2024-03-01&indicators=sma",
        viewer), 400).getString("message")).contains("after");
    assertThat(error(node.get(base + "&indicators=sma&interval=2h", viewer), 400).getString("message")).contains("interval");
    assertThat(error(node.get("/api/v1/analysis/technical/NOPE?indicators=sma:5", viewer), 404).getString("code"))
        .isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(error(node.get(base + "&indicators=sma", null), 401).getString("code")).isEqualTo("AUTHENTICATION_ERROR");

    JsonObject position = error(node.post("/api/v1/analysis/custom", viewer, new JsonObject().put("symbol", "AAPL")
        .put("expression", "close > smaa(close, 3)")), 400);
    assertThat(position.getString("code")).isEqualTo("VALIDATION_ERROR");
    assertThat(position.getString("message")).contains("'smaa'").contains("at 1:9");
    assertThat(position.getJsonObject("details").getMap()).containsEntry("line", 1).containsEntry("column", 9);
    assertThat(error(node.post("/api/v1/analysis/custom", viewer, new JsonObject().put("symbol", "AAPL")
        .put("expression", "close".repeat(500))), 400).getString("message")).contains("2000");
  }

  @Test
  void customScreenAndCharts() {
    JsonObject custom = data(node.post("/api/v1/analysis/custom", viewer, new JsonObject().put("symbol", "AAPL")
        .put("start_date", "2024-03-01").put("end_date", "2024-03-29").put("expression", "crossover(close, sma(close, 5))")), 200);
    assertThat(custom.getJsonArray("values")).hasSize(custom.getJsonArray("dates").size());
    assertThat(custom.getJsonArray("values").getValue(0)).isInstanceOf(Boolean.class);

    JsonObject screen = data(node.post("/api/v1/analysis/screen", viewer, new JsonObject()
        .put("expression", "close > 0").put("symbols", new JsonArray().add("AAPL").add("TINY").add("NOPE"))
        .put("rank_by", "close").put("date", "2024-03-28")), 200);
    assertThat(screen.getJsonArray("matches").getJsonObject(0).getMap()).containsEntry("symbol", "AAPL")
        .containsEntry("date", "2024-03-28");
    assertThat(screen.getInteger("evaluated")).isEqualTo(1);
    assertThat(screen.getJsonArray("skipped").stream().map(s -> ((JsonObject) s).getString("symbol")).toList())
        .containsExactlyInAnyOrder("TINY", "NOPE");
    JsonObject all = data(node.post("/api/v1/analysis/screen", viewer, new JsonObject()
        .put("expression", "close > sma(close, 200)").put("all", true).put("date", "2024-03-28")), 200);
    assertThat(all.getInteger("evaluated")).isEqualTo(1);

    HttpResponse<Buffer> svg = node.get("/api/v1/analysis/visualization/AAPL?start_date=2024-01-01&end_date=2024-03-29"
        + "&indicators=sma:20,bollinger:20:2,rsi:14,macd:12:26:9&format=svg", viewer);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.getHeader("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(svg.bodyAsString()).startsWith("<svg").contains("data-name=\"macd_12_26_9\"").contains("2024-01-02");
    JsonObject chart = data(node.get("/api/v1/analysis/visualization/AAPL?start_date=2024-01-01&end_date=2024-03-29"
        + "&indicators=sma:20,rsi:14", viewer), 200);
    assertThat(chart.getJsonObject("overlays").fieldNames()).containsExactly("sma_20");
    assertThat(chart.getJsonObject("panes").fieldNames()).containsExactly("rsi_14");

    JsonObject openapi = node.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths");
    assertThat(openapi.fieldNames()).contains("/api/v1/analysis/technical/{symbol}", "/api/v1/analysis/screen",
        "/api/v1/analysis/custom", "/api/v1/analysis/visualization/{symbol}");
  }

  @Test
  void liveIndicatorsEqualWhatTheHistoryQueryGivesForThatBar() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    JsonArray rows = new JsonArray();
    for (int i = 40; i >= 3; i--) {
      rows.add(bar("LIVE", "ts", now.minus(i, ChronoUnit.MINUTES).toString(), 50 + (i % 7) - i * 0.1, 100 + i));
    }
    ingest("1m", rows);
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream")) {
      ws.send(new JsonObject().put("action", "auth").put("token", viewer).encode());
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("indicators.1m"))
          .put("symbols", new JsonArray().add("LIVE")).put("indicators", new JsonArray().add("foo:1")).encode());
      assertThat(ws.frame(10_000, "\"type\":\"error\"")).contains("unknown indicator 'foo'");
      ws.send(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("indicators.1m"))
          .put("symbols", new JsonArray().add("LIVE")).put("indicators", new JsonArray().add("rsi:14").add("sma:5")
              .add("bollinger:5:2")).encode());
      ws.frame(10_000, "\"type\":\"subscribed\"", "indicators.1m");

      Instant forming = now.minus(2, ChronoUnit.MINUTES);
      JsonObject update = new JsonObject().put("type", "bar").put("interval", "1m").put("symbol", "LIVE")
          .put("ts", forming.toString()).put("open", 49.0).put("high", 53.0).put("low", 48.0).put("close", 52.0)
          .put("volume", 77.0);
      node.vertx.eventBus().publish(MarketAddresses.bar("1m", "LIVE"), update.copy().put("final", false).put("close", 51.0));
      JsonObject partial = new JsonObject(ws.frame(10_000, "\"type\":\"indicator\"", "\"final\":false"));
      assertThat(partial.getString("ts")).isEqualTo(forming.toString());
      ingest("1m", new JsonArray().add(bar("LIVE", "ts", forming.toString(), 52.0, 77.0).put("open", 49.0)
          .put("high", 53.0).put("low", 48.0)));
      node.vertx.eventBus().publish(MarketAddresses.bar("1m", "LIVE"), update.copy().put("final", true));
      JsonObject live = new JsonObject(ws.frame(10_000, "\"type\":\"indicator\"", "\"final\":true"));
      assertThat(live.getMap()).containsEntry("interval", "1m").containsEntry("symbol", "LIVE")
          .containsEntry("ts", forming.toString());

      String day = LocalDate.ofInstant(forming, ZoneOffset.UTC).toString();
      JsonObject history = data(node.get("/api/v1/analysis/technical/LIVE?interval=1m&start_date=" + day + "&end_date="
          + forming + "&indicators=rsi:14,sma:5,bollinger:5:2", viewer), 200);
      JsonArray dates = history.getJsonArray("dates");
      int at = dates.size() - 1;
      assertThat(dates.getString(at)).isEqualTo(forming.toString());
      JsonObject values = live.getJsonObject("values");
      JsonObject indicators = history.getJsonObject("indicators");
      assertThat(values.getValue("sma_5")).isEqualTo(indicators.getJsonArray("sma_5").getValue(at)).isNotNull();
      assertThat(values.getValue("rsi_14")).isEqualTo(indicators.getJsonArray("rsi_14").getValue(at));
      assertThat(values.getJsonObject("bollinger_5_2").getValue("upper"))
          .isEqualTo(indicators.getJsonObject("bollinger_5_2").getJsonArray("upper").getValue(at));
      assertThat(partial.getJsonObject("values").getValue("sma_5")).isNotEqualTo(values.getValue("sma_5"));
    }
  }

  /** {@code indicators.5m} from the 1m bar publications: the 5m bar aggregated live as storage aggregates it. */
  @Test
  void liveIndicatorsOfADerivedIntervalEqualTheHistoryQueryForThatBar() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant minute = now.minus(2, ChronoUnit.MINUTES);
    Instant bucket = Instant.ofEpochMilli(Math.floorDiv(minute.toEpochMilli(), 300_000L) * 300_000L);
    JsonArray rows = new JsonArray();
    for (int i = 90; i >= 3; i--) {
      rows.add(bar("LIVE5", "ts", now.minus(i, ChronoUnit.MINUTES).toString(), 70 + (i % 11) - i * 0.05, 200 + i));
    }
    ingest("1m", rows);
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream")) {
      ws.send(new JsonObject().put("action", "auth").put("token", viewer).encode());
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("indicators.5m"))
          .put("symbols", new JsonArray().add("LIVE5")).put("indicators", new JsonArray().add("sma:3").add("rsi:5")).encode());
      ws.frame(10_000, "\"type\":\"subscribed\"", "indicators.5m");

      JsonObject update = new JsonObject().put("type", "bar").put("interval", "1m").put("symbol", "LIVE5")
          .put("ts", minute.toString()).put("open", 69.0).put("high", 90.0).put("low", 60.0).put("close", 88.0)
          .put("volume", 55.0);
      node.vertx.eventBus().publish(MarketAddresses.bar("1m", "LIVE5"), update.copy().put("final", false).put("close", 80.0));
      JsonObject forming = new JsonObject(ws.frame(10_000, "\"type\":\"indicator\""));
      assertThat(forming.getMap()).containsEntry("interval", "5m").containsEntry("ts", bucket.toString())
          .containsEntry("final", false);
      ingest("1m", new JsonArray().add(bar("LIVE5", "ts", minute.toString(), 88.0, 55.0).put("open", 69.0)
          .put("high", 90.0).put("low", 60.0)));
      node.vertx.eventBus().publish(MarketAddresses.bar("1m", "LIVE5"), update.copy().put("final", true));
      JsonObject live = new JsonObject(ws.frame(10_000, "\"type\":\"indicator\""));
      assertThat(live.getString("ts")).isEqualTo(bucket.toString());
      assertThat(live.getBoolean("final")).as("final once its last minute is").isEqualTo(minute.equals(bucket.plusSeconds(240)));

      String day = LocalDate.ofInstant(bucket, ZoneOffset.UTC).toString();
      JsonObject history = data(node.get("/api/v1/analysis/technical/LIVE5?interval=5m&start_date=" + day
          + "&indicators=sma:3,rsi:5", viewer), 200);
      int at = history.getJsonArray("dates").getList().indexOf(bucket.toString());
      assertThat(at).as("the bucket in %s", history.getJsonArray("dates")).isNotNegative();
      JsonObject indicators = history.getJsonObject("indicators");
      assertThat(live.getJsonObject("values").getValue("sma_3")).isEqualTo(indicators.getJsonArray("sma_3").getValue(at))
          .isNotNull();
      assertThat(live.getJsonObject("values").getValue("rsi_5")).isEqualTo(indicators.getJsonArray("rsi_5").getValue(at));
      assertThat(forming.getJsonObject("values").getValue("sma_3")).isNotEqualTo(live.getJsonObject("values").getValue("sma_3"));
    }
  }

  /** {@code indicators.weekly} from daily bar publications, aggregated into the UTC week as storage aggregates it. */
  @Test
  void liveWeeklyIndicatorsFromDailyPublicationsEqualTheHistoryQuery() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonArray rows = new JsonArray();
    for (int i = 120; i >= 1; i--) {
      rows.add(bar("WEEK", "date", today.minusDays(i).toString(), 30 + (i % 9) + i * 0.02, 500 + i));
    }
    ingest("daily", rows);
    LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1);
    try (ProbeProcess ws = ProbeProcess.connect("ws://127.0.0.1:" + node.port + "/ws/v1/stream")) {
      ws.send(new JsonObject().put("action", "auth").put("token", viewer).encode());
      ws.frame(10_000, "\"type\":\"authenticated\"");
      ws.send(new JsonObject().put("action", "subscribe").put("channels", new JsonArray().add("indicators.weekly"))
          .put("symbols", new JsonArray().add("WEEK")).put("indicators", new JsonArray().add("sma:3").add("atr:2")).encode());
      ws.frame(10_000, "\"type\":\"subscribed\"", "indicators.weekly");
      ingest("daily", new JsonArray().add(bar("WEEK", "date", today.toString(), 44, 900).put("high", 60.0)));
      node.vertx.eventBus().publish(MarketAddresses.bar("daily", "WEEK"), bar("WEEK", "date", today.toString(), 44, 900)
          .put("ts", today.atStartOfDay(ZoneOffset.UTC).toInstant().toString()).put("high", 60.0).put("type", "bar")
          .put("interval", "daily").put("final", true));
      JsonObject live = new JsonObject(ws.frame(10_000, "\"type\":\"indicator\""));
      assertThat(live.getMap()).containsEntry("interval", "weekly").containsEntry("ts", monday.toString())
          .containsEntry("final", today.getDayOfWeek().getValue() == 7);
      JsonObject history = data(node.get("/api/v1/analysis/technical/WEEK?interval=weekly&start_date="
          + today.withDayOfYear(1) + "&indicators=sma:3,atr:2", viewer), 200);
      JsonArray dates = history.getJsonArray("dates");
      assertThat(dates.getString(dates.size() - 1)).isEqualTo(monday.toString());
      JsonObject indicators = history.getJsonObject("indicators");
      assertThat(live.getJsonObject("values").getValue("sma_3")).isNotNull()
          .isEqualTo(indicators.getJsonArray("sma_3").getValue(dates.size() - 1));
      assertThat(live.getJsonObject("values").getValue("atr_2"))
          .isEqualTo(indicators.getJsonArray("atr_2").getValue(dates.size() - 1));
    }
  }
}
