package io.ndc.collector.source;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.testing.FixtureServer;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alphavantage adapter's financials against a local server replaying INCOME_STATEMENT, BALANCE_SHEET and EARNINGS. */
class AlphaVantageFinancialsTest {
  private static final Reply INCOME = Reply.fixture("alphavantage/ibm-income-statement.json");
  private static final Reply BALANCE = Reply.fixture("alphavantage/ibm-balance-sheet.json");
  private static final Reply EARNINGS = Reply.fixture("alphavantage/ibm-earnings.json");
  private static Vertx vertx;
  private static Adapters adapters;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    adapters = new Adapters(vertx, new JsonObject());
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  /** A vendor answering each function with its script. */
  private static FixtureServer vendor(Reply[] income, Reply[] balance, Reply[] earnings) {
    return await(new FixtureServer().on("/query", "function", "INCOME_STATEMENT", income)
        .on("/query", "function", "BALANCE_SHEET", balance).on("/query", "function", "EARNINGS", earnings).start(vertx));
  }

  private static SourceAdapter adapter(String id, FixtureServer vendor) {
    return adapters.adapter(new SourceDefinition(id, "alphavantage", vendor.baseUrl(), "av-key", 10_000,
        new JsonObject().put("throttle_wait_ms", 1234)));
  }

  private static List<JsonObject> financials(SourceAdapter adapter, String from, String to) {
    return await(adapter.financials(new FetchRequest("IBM", null, LocalDate.parse(from), LocalDate.parse(to), new JsonObject())));
  }

  private static long calls(FixtureServer vendor, String function) {
    return vendor.seen().stream().filter(s -> function.equals(s.query().get("function"))).count();
  }

  @Test
  void quartersOfTheWindowMergeTheStatementsAndTheReportedEps() {
    FixtureServer vendor = vendor(new Reply[] {INCOME}, new Reply[] {BALANCE}, new Reply[] {EARNINGS});
    SourceAdapter adapter = adapter("av-fin", vendor);
    assertThat(adapter.capabilities()).contains(Capability.FINANCIALS, Capability.HISTORY_BARS);

    List<JsonObject> rows = financials(adapter, "2023-07-01", "2024-12-31");

    assertThat(rows).extracting(r -> r.getInteger("year") + "Q" + r.getInteger("quarter"))
        .containsExactly("2023Q3", "2023Q4", "2024Q1", "2024Q2");
    assertThat(rows.get(3)).isEqualTo(new JsonObject().put("symbol", "IBM").put("year", 2024).put("quarter", 2)
        .put("currency", "USD").put("revenue", 15770000000.0).put("operating_income", 2475000000.0)
        .put("net_income", 1830000000.0).put("eps", 2.43).put("total_assets", 132194000000.0)
        .put("total_liabilities", 108555000000.0).put("total_equity", 23617000000.0));
    // "None" in the statements is a value the source does not have
    JsonObject q3 = rows.get(0);
    assertThat(q3.containsKey("operating_income")).isTrue();
    assertThat(q3.getValue("operating_income")).isNull();
    assertThat(q3.getValue("total_equity")).isNull();
    assertThat(q3.getDouble("net_income")).isEqualTo(1704000000.0);
    assertThat(q3.getDouble("eps")).isEqualTo(2.2);

    FixtureServer.Seen income = vendor.seen().get(0);
    assertThat(income.path()).isEqualTo("/query");
    assertThat(income.query().get("function")).isEqualTo("INCOME_STATEMENT");
    assertThat(income.query().get("symbol")).isEqualTo("IBM");
    assertThat(income.query().get("apikey")).isEqualTo("av-key");
    assertThat(vendor.seen()).extracting(s -> s.query().get("function")).containsExactly("INCOME_STATEMENT", "BALANCE_SHEET", "EARNINGS");
    await(vendor.stop());
  }

  @Test
  void earningsOfQuartersWithoutStatementsMakeNoRows() {
    FixtureServer vendor = vendor(new Reply[] {INCOME}, new Reply[] {BALANCE}, new Reply[] {EARNINGS});
    // the earnings list reaches back to 2022 Q4, the statements to 2023 Q2
    assertThat(financials(adapter("av-fin-old", vendor), "2020-01-01", "2024-12-31"))
        .extracting(r -> r.getInteger("year") + "Q" + r.getInteger("quarter"))
        .containsExactly("2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2");
    await(vendor.stop());
  }

  @Test
  void noteAndInformationAreThrottlingAndStopTheCallsThatWouldFollow() {
    Reply note = Reply.fixture("alphavantage/note.json");
    Reply information = Reply.fixture("alphavantage/information.json");
    FixtureServer vendor = vendor(new Reply[] {INCOME}, new Reply[] {note, information, BALANCE}, new Reply[] {EARNINGS});
    SourceAdapter adapter = adapter("av-fin-throttled", vendor);
    for (String said : List.of("call frequency", "25 requests per day")) {
      assertThatThrownBy(() -> financials(adapter, "2023-01-01", "2024-12-31"))
          .isInstanceOfSatisfying(SourceFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(SourceFailure.Kind.THROTTLED);
            assertThat(f.retryAfterMs()).isEqualTo(1234);
            assertThat(f.getMessage()).contains(said);
          });
    }
    assertThat(calls(vendor, "EARNINGS")).isZero();
    assertThat(financials(adapter, "2023-01-01", "2024-12-31")).hasSize(5);
    assertThat(calls(vendor, "INCOME_STATEMENT")).isEqualTo(3);
    await(vendor.stop());
  }

  @Test
  void anErrorMessageOrAnEmptyAnswerIsARefusalOfTheSymbol() {
    FixtureServer error = vendor(new Reply[] {Reply.fixture("alphavantage/error-income-statement.json")}, new Reply[] {BALANCE},
        new Reply[] {EARNINGS});
    assertThatThrownBy(() -> financials(adapter("av-fin-error", error), "2023-01-01", "2024-12-31"))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).contains("IBM", "Invalid API call", "INCOME_STATEMENT");
        });
    assertThat(error.seen()).hasSize(1);
    await(error.stop());

    FixtureServer empty = vendor(new Reply[] {INCOME}, new Reply[] {Reply.fixture("alphavantage/no-fundamentals.json")},
        new Reply[] {EARNINGS});
    assertThatThrownBy(() -> financials(adapter("av-fin-empty", empty), "2023-01-01", "2024-12-31"))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).isEqualTo("Alpha Vantage has no BALANCE_SHEET quarterlyReports for IBM");
        });
    await(empty.stop());
  }

  @Test
  void aValueThatIsNoNumberIsPassedOnForStorageToRejectThatRow() {
    String income = FixtureServer.read("alphavantage/ibm-income-statement.json")
        .replace("\"totalRevenue\": \"15770000000\"", "\"totalRevenue\": \"15.77B\"");
    FixtureServer vendor = vendor(new Reply[] {new Reply(200, "application/json", income)}, new Reply[] {BALANCE}, new Reply[] {EARNINGS});
    List<JsonObject> rows = financials(adapter("av-fin-text", vendor), "2024-04-01", "2024-06-30");
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.getValue("revenue")).isEqualTo("15.77B"));
    await(vendor.stop());
  }
}
