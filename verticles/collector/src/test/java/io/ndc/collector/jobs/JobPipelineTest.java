package io.ndc.collector.jobs;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.testing.CollectorHarness;
import io.ndc.collector.testing.FixtureServer;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.contract.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs end to end inside the collector: REST bus rows → RabbitMQ → source fixtures → storage's ingest address. */
class JobPipelineTest {
  private static CollectorHarness h;

  @BeforeAll
  static void start() {
    h = new CollectorHarness("collector_jobs", new JsonObject());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static void source(String id, String type, String baseUrl, JsonObject extra) {
    h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", id).put("type", type).put("base_url", baseUrl)
        .put("quota_per_minute", 1000).mergeIn(extra));
  }

  private static String collector(String source, List<String> symbols, String start, String end) {
    return h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", source).put("dataset", "bars")
        .put("symbols", new JsonArray(symbols)).put("interval", "daily").put("start_date", start).put("end_date", end)).getString("id");
  }

  private static String run(String collectorId) {
    return h.request(CollectorAddresses.JOBS_RUN, new JsonObject().put("id", collectorId)).getString("job_id");
  }

  @Test
  void aYahooJobStoresOnlyWhatIsMissingAndSucceeds() {
    h.vendor.on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/aapl-daily.json"));
    source("yahoo-main", "yahoo", h.vendor.baseUrl(), new JsonObject());
    h.storage.lastStored("AAPL", "daily", "2024-01-03");
    String collectorId = collector("yahoo-main", List.of("AAPL"), "2024-01-01", "2024-01-05");

    String jobId = run(collectorId);
    JsonObject job = h.awaitFinished(jobId);

    assertThat(job.getString("status")).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(job.getJsonObject("rows").getLong("accepted")).isEqualTo(2);
    assertThat(job.getString("started_at")).isNotNull();
    assertThat(job.getString("finished_at")).isNotNull();
    List<JsonObject> rows = h.storage.rows(StorageAddresses.BARS_INGEST, "AAPL");
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-01-03", "2024-01-04");
    JsonObject batch = h.storage.requests(StorageAddresses.BARS_INGEST).stream()
        .filter(b -> b.getString("source").equals("yahoo-main")).findFirst().orElseThrow();
    assertThat(batch.getString("interval")).isEqualTo("daily");
    FixtureServer.Seen request = h.vendor.seen().stream().filter(s -> s.path().endsWith("/AAPL")).findFirst().orElseThrow();
    assertThat(request.query().get("interval")).isEqualTo("1d");
    // incremental: the request starts from the last stored day (widened by one day for exchange-local dates)
    assertThat(Long.parseLong(request.query().get("period1")))
        .isEqualTo(LocalDate.of(2024, 1, 2).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    CollectorHarness.eventually(() -> assertThat(h.jobEvents).anySatisfy(e -> {
      assertThat(e.getString("job_id")).isEqualTo(jobId);
      assertThat(e.getString("event")).isEqualTo("job.succeeded");
      assertThat(e.getString("type")).isEqualTo("SYSTEM");
    }), Duration.ofSeconds(5));

    JsonObject listed = h.request(CollectorAddresses.JOBS_LIST, new JsonObject().put("collector_id", collectorId).put("status", "succeeded"));
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(listed.getJsonObject("pagination").getLong("total")).isEqualTo(1);
  }

  @Test
  void aSourceAnswering500IsRetriedWithGrowingDelaysThenDead() {
    h.vendor.on("/v8/finance/chart/FAIL", Reply.status(500, "internal error"));
    source("yahoo-broken", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String collectorId = collector("yahoo-broken", List.of("FAIL"), "2024-01-01", "2024-01-05");
    JobQueue queue = h.queue();
    await(queue.start());
    long deadBefore = await(queue.messageCount(queue.deadQueue()));

    String jobId = run(collectorId);
    JsonObject job = h.awaitFinished(jobId);

    assertThat(job.getString("status")).isEqualTo("dead");
    assertThat(job.getInteger("attempts")).isEqualTo(3);
    assertThat(job.getString("error")).contains("gave up after 3 attempts", "HTTP 500");
    assertThat(h.vendor.count("/v8/finance/chart/FAIL")).isEqualTo(3);
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "FAIL")).isEmpty();
    CollectorHarness.eventually(() -> assertThat(h.jobEvents).anySatisfy(e -> {
      assertThat(e.getString("job_id")).isEqualTo(jobId);
      assertThat(e.getString("event")).isEqualTo("job.dead");
      assertThat(e.getString("error")).contains("HTTP 500");
    }), Duration.ofSeconds(5));
    CollectorHarness.eventually(() -> {
      long dead = await(queue.messageCount(queue.deadQueue()));
      assertThat(dead).isEqualTo(deadBefore + 1);
    }, Duration.ofSeconds(5));
    await(queue.stop());
  }

  @Test
  void retryDelaysGrow() {
    // test policy: first delay 200 ms, x4: the first wait is jittered within [100, 200] ms, the second within [400, 800]
    h.vendor.on("/v8/finance/chart/SLOW", Reply.status(503, "busy"));
    source("yahoo-slow", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String jobId = run(collector("yahoo-slow", List.of("SLOW"), "2024-01-01", "2024-01-05"));
    assertThat(h.awaitFinished(jobId).getString("status")).isEqualTo("dead");
    List<Long> times = h.vendor.seen().stream().filter(s -> s.path().endsWith("/SLOW")).map(FixtureServer.Seen::atMillis).toList();
    assertThat(times).hasSize(3);
    long first = times.get(1) - times.get(0);
    long second = times.get(2) - times.get(1);
    assertThat(first).isGreaterThanOrEqualTo(100);
    assertThat(second).isGreaterThanOrEqualTo(400).isGreaterThan(first);
  }

  @Test
  void storageUnavailableIsRetriedAndOnlyTheSymbolsNotYetStoredGoOn() {
    h.vendor.on("/v8/finance/chart/ST1", Reply.fixture("yahoo/aapl-daily.json"));
    h.vendor.on("/v8/finance/chart/ST2", Reply.fixture("yahoo/aapl-daily.json"));
    source("yahoo-storage", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String collectorId = collector("yahoo-storage", List.of("ST1", "ST2"), "2024-01-01", "2024-01-05");
    h.storage.failBarBatches("ST2", 1); // ST1 is stored, then storage is briefly unavailable for ST2

    JsonObject job = h.awaitFinished(run(collectorId));

    assertThat(job.getString("status")).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).isEqualTo(2);
    assertThat(job.getJsonObject("rows").getLong("accepted")).isEqualTo(6);
    assertThat(h.vendor.count("/v8/finance/chart/ST1")).isEqualTo(1);
    assertThat(h.vendor.count("/v8/finance/chart/ST2")).isEqualTo(2);
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "ST1")).hasSize(3);
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "ST2")).hasSize(3);
  }

  @Test
  void krxInvestorTrendsAndDailyPricesAreCollectedByJobs() {
    h.vendor.on("/comm/bldAttendant/getJsonData.cmd", "askBid", "1", Reply.fixture("krx/investor-005930-sell.json"));
    h.vendor.on("/comm/bldAttendant/getJsonData.cmd", "askBid", "2", Reply.fixture("krx/investor-005930-buy.json"));
    h.vendor.on("/svc/apis/sto/stk_bydd_trd", "basDd", "20240104", Reply.fixture("krx/stk_bydd_trd-20240104.json"));
    h.vendor.on("/svc/apis/sto/stk_bydd_trd", "basDd", "20240105", Reply.fixture("krx/stk_bydd_trd-20240105.json"));
    source("krx", "krx", h.vendor.baseUrl(), new JsonObject().put("api_key", "krx-key").put("portal_url", h.vendor.baseUrl()));
    String trends = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "krx").put("dataset", "trading_trends")
        .put("symbols", new JsonArray().add("005930")).put("start_date", "2024-01-04").put("end_date", "2024-01-05")).getString("id");
    JsonObject trendJob = h.awaitFinished(run(trends));
    assertThat(trendJob.getString("status")).isEqualTo("succeeded");
    assertThat(trendJob.getJsonObject("rows").getLong("accepted")).isEqualTo(8);
    assertThat(h.storage.rows(StorageAddresses.TRENDS_INGEST, "005930")).extracting(r -> r.getString("investor_type"))
        .containsOnly("institution", "other_corporation", "individual", "foreign");

    JsonObject priceJob = h.awaitFinished(run(collector("krx", List.of("005930", "000660"), "2024-01-04", "2024-01-05")));
    assertThat(priceJob.getString("status")).isEqualTo("succeeded");
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "000660")).extracting(r -> r.getString("date"))
        .containsExactly("2024-01-04", "2024-01-05");
  }

  @Test
  void aThrottlingSourceMakesTheJobWaitWithoutBurningAttempts() {
    // three throttle answers in a row: with 3 attempts allowed the job would die if throttling burnt attempts
    h.vendor.on("/query", Reply.fixture("alphavantage/note.json"), Reply.fixture("alphavantage/information.json"),
        Reply.fixture("alphavantage/note.json"), Reply.fixture("alphavantage/ibm-daily.json"));
    source("av-main", "alphavantage", h.vendor.baseUrl(), new JsonObject().put("api_key", "demo-key").put("throttle_wait_ms", 100));
    String jobId = run(collector("av-main", List.of("IBM"), "2024-05-01", "2024-05-31"));

    JsonObject job = h.awaitFinished(jobId);

    assertThat(job.getString("status")).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(h.vendor.count("/query")).isEqualTo(4);
    assertThat(h.vendor.seen().get(h.vendor.seen().size() - 1).query().get("apikey")).isEqualTo("demo-key");
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "IBM")).extracting(r -> r.getString("date"))
        .containsExactly("2024-05-02", "2024-05-03", "2024-05-06");
  }

  @Test
  void aFinancialsJobSendsTheQuartersOfItsWindowToStorageAndWaitsOutThrottling() {
    FixtureServer av = await(new FixtureServer()
        .on("/query", "function", "INCOME_STATEMENT", Reply.fixture("alphavantage/ibm-income-statement.json"))
        .on("/query", "function", "BALANCE_SHEET", Reply.fixture("alphavantage/note.json"), Reply.fixture("alphavantage/ibm-balance-sheet.json"))
        .on("/query", "function", "EARNINGS", Reply.fixture("alphavantage/ibm-earnings.json"))
        .start(h.vertx));
    source("av-fundamentals", "alphavantage", av.baseUrl(), new JsonObject().put("api_key", "k").put("throttle_wait_ms", 100));
    String collectorId = h.request(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "av-fundamentals")
        .put("dataset", "financials").put("symbols", new JsonArray().add("IBM")).put("start_date", "2024-01-01")
        .put("end_date", "2024-12-31")).getString("id");

    JsonObject job = h.awaitFinished(run(collectorId));

    assertThat(job.getString("status")).as(job.encode()).isEqualTo("succeeded");
    assertThat(job.getInteger("attempts")).as("a throttled call gives its attempt back").isEqualTo(1);
    assertThat(job.getJsonObject("rows").getLong("accepted")).isEqualTo(2);
    assertThat(h.storage.rows(StorageAddresses.FINANCIALS_INGEST, "IBM"))
        .extracting(r -> r.getInteger("year") + "Q" + r.getInteger("quarter")).containsExactly("2024Q1", "2024Q2");
    JsonObject batch = h.storage.requests(StorageAddresses.FINANCIALS_INGEST).get(0);
    assertThat(batch.getString("source")).isEqualTo("av-fundamentals");
    assertThat(batch.containsKey("interval")).isFalse();
    assertThat(av.seen()).extracting(s -> s.query().get("function"))
        .containsExactly("INCOME_STATEMENT", "BALANCE_SHEET", "INCOME_STATEMENT", "BALANCE_SHEET", "EARNINGS");
    await(av.stop());
  }

  @Test
  void aSymbolTheSourceRejectsKillsTheJobAtOnceWithTheReasonAndKeepsTheOthers() {
    h.vendor.on("/v8/finance/chart/MSFT", Reply.fixture("yahoo/aapl-daily.json"));
    h.vendor.on("/v8/finance/chart/NOPE", new Reply(404, "application/json", FixtureServer.read("yahoo/not-found.json")));
    source("yahoo-mixed", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String jobId = run(collector("yahoo-mixed", List.of("NOPE", "MSFT"), "2024-01-01", "2024-01-05"));

    JsonObject job = h.awaitFinished(jobId);

    assertThat(job.getString("status")).isEqualTo("dead");
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(job.getString("error")).contains("NOPE", "Not Found");
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "NOPE")).isEmpty();
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "MSFT")).hasSize(3);
  }

  @Test
  void anAlphaVantageErrorMessageWithHttp200IsAClearDeadJob() {
    FixtureServer av = await(new FixtureServer().on("/query", Reply.fixture("alphavantage/error.json")).start(h.vertx));
    source("av-bad", "alphavantage", av.baseUrl(), new JsonObject().put("api_key", "k"));
    JsonObject job = h.awaitFinished(run(collector("av-bad", List.of("BADSYM"), "2024-05-01", "2024-05-31")));
    assertThat(job.getString("status")).isEqualTo("dead");
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(job.getString("error")).contains("BADSYM", "Invalid API call");
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "BADSYM")).isEmpty();
    await(av.stop());
  }

  @Test
  void aCsvUrlServingHtmlIsAClearErrorAndStoresNothing() {
    h.vendor.on("/q/d/l/", Reply.fixture("csv/blocked.html"));
    source("stooq", "csv", h.vendor.baseUrl() + "/q/d/l/?s={symbol_lower}.us&i=d&d1={from}&d2={to}", new JsonObject());
    String jobId = run(collector("stooq", List.of("AAPL"), "2024-01-01", "2024-01-05"));

    JsonObject job = h.awaitFinished(jobId);

    assertThat(job.getString("status")).isEqualTo("dead");
    assertThat(job.getString("error")).contains("HTML page where CSV was expected");
    FixtureServer.Seen seen = h.vendor.seen().stream().filter(s -> s.path().equals("/q/d/l/")).findFirst().orElseThrow();
    assertThat(seen.query().get("s")).isEqualTo("aapl.us");
    assertThat(seen.query().get("d1")).isEqualTo("20240101");
    assertThat(h.storage.requests(StorageAddresses.BARS_INGEST)).noneMatch(b -> b.getString("source").equals("stooq"));
  }

  @Test
  void aCsvFileIsCollectedFromTheCsvDirectoryAndNowhereElse() throws Exception {
    java.nio.file.Files.writeString(h.csvDir.resolve("TSLA.csv"), FixtureServer.read("csv/aapl.us.csv"));
    Failure outside = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "csv-etc").put("type", "csv")
        .put("base_url", "/etc/{symbol}"));
    assertThat(outside.getMessage()).contains("collector.csv.dir");
    assertThat(h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "csv-up").put("type", "csv")
        .put("base_url", "../../{symbol}.csv")).getMessage()).contains("outside");
    source("csv-files", "csv", "{symbol}.csv", new JsonObject());
    JsonObject job = h.awaitFinished(run(collector("csv-files", List.of("TSLA"), "2024-01-01", "2024-01-31")));
    assertThat(job.getString("status")).isEqualTo("succeeded");
    assertThat(h.storage.rows(StorageAddresses.BARS_INGEST, "TSLA")).hasSize(3);
  }

  @Test
  void badInputGetsClearErrors() {
    Failure unknownType = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x1").put("type", "bloomberg"));
    assertThat(unknownType.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(unknownType.getMessage()).contains("unknown source type 'bloomberg'", "yahoo");

    Failure noKey = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x2").put("type", "alphavantage"));
    assertThat(noKey.getMessage()).contains("api_key");

    Failure badBurst = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x4").put("type", "yahoo")
        .put("quota_burst", 0));
    assertThat(badBurst.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(badBurst.getMessage()).contains("quota_burst must be at least 1");
    assertThat(h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x5").put("type", "yahoo")
        .put("quota_burst", "x")).getMessage()).isEqualTo("quota_burst must be a whole number, not x");
    assertThat(h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x6").put("type", "yahoo")
        .put("quota_per_minute", 1.5)).getMessage()).isEqualTo("quota_per_minute must be a whole number, not 1.5");
    JsonObject burst = h.request(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "burst").put("type", "yahoo")
        .put("quota_per_minute", 5).put("quota_burst", 5));
    assertThat(burst.getInteger("quota_burst")).isEqualTo(5);
    assertThat(burst.getJsonObject("quota").getInteger("available")).isEqualTo(5);
    assertThat(burst.getJsonObject("params")).as("not a type setting").isEmpty();

    Failure badSim = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "x3").put("type", "simulated"));
    assertThat(badSim.getMessage()).contains("symbols");

    source("dup", "yahoo", h.vendor.baseUrl(), new JsonObject());
    assertThat(h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", "dup").put("type", "yahoo")).code())
        .isEqualTo(ErrorCode.CONFLICT);

    Failure noSource = h.failure(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "ghost").put("symbols", new JsonArray().add("A")));
    assertThat(noSource.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(noSource.getMessage()).contains("no source 'ghost'");

    Failure liveOnYahoo = h.failure(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "dup").put("live", true)
        .put("symbols", new JsonArray().add("A")));
    assertThat(liveOnYahoo.getMessage()).contains("LIVE_TRADES");

    Failure financialsOnYahoo = h.failure(CollectorAddresses.COLLECTORS_CREATE, new JsonObject().put("source", "dup")
        .put("dataset", "financials").put("symbols", new JsonArray().add("A")));
    assertThat(financialsOnYahoo.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(financialsOnYahoo.getMessage()).contains("source 'dup' (yahoo) does not provide FINANCIALS");

    String collectorId = collector("dup", List.of("AAPL"), null, null);
    Failure badCron = h.failure(CollectorAddresses.SCHEDULES_CREATE, new JsonObject().put("collector_id", collectorId).put("cron", "99 * * * *"));
    assertThat(badCron.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(badCron.getMessage()).contains("invalid cron");
    Failure nullZone = h.failure(CollectorAddresses.SCHEDULES_CREATE, new JsonObject().put("collector_id", collectorId)
        .put("cron", "0 1 * * *").putNull("timezone"));
    assertThat(nullZone.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(nullZone.getMessage()).contains("'timezone'");
    // numbers and booleans are refused where text is asked, never turned into text ("Infinity", "true")
    for (Object notText : new Object[] {Double.POSITIVE_INFINITY, 1.0E308, true}) {
      Failure typed = h.failure(CollectorAddresses.SOURCES_CREATE, new JsonObject().put("id", notText).put("type", "yahoo"));
      assertThat(typed.code()).as(String.valueOf(notText)).isEqualTo(ErrorCode.VALIDATION_ERROR);
      assertThat(typed.getMessage()).isEqualTo("'id' must be a string");
    }

    assertThat(h.failure(CollectorAddresses.JOBS_RUN, new JsonObject().put("id", java.util.UUID.randomUUID().toString())).code())
        .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
    assertThat(h.failure(CollectorAddresses.JOBS_GET, new JsonObject().put("id", "not-a-uuid")).getMessage()).contains("UUID");
    assertThat(h.failure(CollectorAddresses.JOBS_LIST, new JsonObject().put("status", "exploded")).getMessage()).contains("status");
    assertThat(h.failure(CollectorAddresses.JOBS_LIST, new JsonObject().put("limit", 5000)).getMessage()).contains("1000");
  }

  @Test
  void apiKeysAreSealedAtRestAndNeverListed() {
    source("av-secret", "alphavantage", h.vendor.baseUrl(), new JsonObject().put("api_key", "sekret-key-123"));
    JsonObject page = h.request(CollectorAddresses.SOURCES_LIST, new JsonObject().put("limit", 1000));
    assertThat(page.encode()).doesNotContain("sekret-key-123").doesNotContain("api_key_sealed");
    JsonObject listed = page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("av-secret")).findFirst().orElseThrow();
    assertThat(listed.getBoolean("has_api_key")).isTrue();
    JsonObject quota = listed.getJsonObject("quota");
    assertThat(List.of(quota.getInteger("per_minute"), quota.getInteger("burst"), quota.getInteger("used"), quota.getInteger("available")))
        .containsExactly(1000, 166, 0, 166);
    assertThat(listed.getInteger("quota_burst")).as("a sixth of the quota by default").isEqualTo(166);
    assertThat(listed.getString("breaker")).isEqualTo("closed");
    String stored = await(h.pg().query("SELECT api_key_sealed FROM sources WHERE id = 'av-secret'").execute())
        .iterator().next().getString(0);
    assertThat(stored).doesNotContain("sekret");
    assertThat(io.ndc.platform.security.SecretBox.fromConfig(h.config).openText(stored, io.ndc.collector.store.SourceStore.KEY_PURPOSE))
        .isEqualTo("sekret-key-123");
  }

  @Test
  void collectorsCanBeReadChangedAndDeleted() {
    source("crud", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String id = collector("crud", List.of("AAPL"), "2024-01-01", "2024-01-31");
    JsonObject patched = h.request(CollectorAddresses.COLLECTORS_UPDATE, new JsonObject().put("id", id)
        .put("symbols", new JsonArray().add("MSFT").add("IBM")).put("interval", "weekly"));
    assertThat(patched.getJsonArray("symbols")).containsExactly("MSFT", "IBM");
    assertThat(patched.getString("interval")).isEqualTo("weekly");
    assertThat(patched.getString("start_date")).isEqualTo("2024-01-01");
    assertThat(h.failure(CollectorAddresses.COLLECTORS_UPDATE, new JsonObject().put("id", id).put("interval", "3m")).getMessage())
        .contains("interval");
    assertThat(h.request(CollectorAddresses.COLLECTORS_GET, new JsonObject().put("id", id)).getString("interval")).isEqualTo("weekly");
    h.request(CollectorAddresses.COLLECTORS_DELETE, new JsonObject().put("id", id));
    assertThat(h.failure(CollectorAddresses.COLLECTORS_GET, new JsonObject().put("id", id)).code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void aDueScheduleFiresOneJob() {
    h.vendor.on("/v8/finance/chart/SCHED", Reply.fixture("yahoo/aapl-daily.json"));
    source("yahoo-sched", "yahoo", h.vendor.baseUrl(), new JsonObject());
    String collectorId = collector("yahoo-sched", List.of("SCHED"), "2024-01-01", "2024-01-05");
    JsonObject schedule = h.request(CollectorAddresses.SCHEDULES_CREATE, new JsonObject().put("collector_id", collectorId)
        .put("cron", "0 6 * * 1-5").put("timezone", "Asia/Seoul"));
    assertThat(schedule.getString("next_fire_at")).isNotNull();
    // make it due now rather than waiting for the next 06:00 in Seoul
    await(h.pg().preparedQuery("UPDATE schedules SET next_fire_at = now() - interval '1 second' WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(schedule.getString("id")))));

    CollectorHarness.eventually(() -> {
      JsonObject jobs = h.request(CollectorAddresses.JOBS_LIST, new JsonObject().put("collector_id", collectorId));
      assertThat(jobs.getJsonArray("items")).singleElement().satisfies(j -> {
        assertThat(((JsonObject) j).getString("trigger")).isEqualTo("schedule");
        assertThat(((JsonObject) j).getString("status")).isEqualTo("succeeded");
      });
    }, Duration.ofSeconds(15));
    JsonObject listed = h.request(CollectorAddresses.SCHEDULES_LIST, new JsonObject());
    JsonObject after = listed.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals(schedule.getString("id"))).findFirst().orElseThrow();
    assertThat(after.getString("last_fired_at")).isNotNull();
    assertThat(java.time.Instant.parse(after.getString("next_fire_at"))).isAfter(java.time.Instant.now());
    h.request(CollectorAddresses.SCHEDULES_DELETE, new JsonObject().put("id", schedule.getString("id")));
  }
}
