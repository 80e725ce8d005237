package io.ndc.collector.source;

import static io.ndc.collector.testing.CollectorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.source.krx.KrxParser;
import io.ndc.collector.testing.FixtureServer;
import io.ndc.collector.testing.FixtureServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The krx adapter against a local server replaying Open API and data portal payloads. */
class KrxAdapterTest {
  private static Vertx vertx;
  private static FixtureServer krx;
  private static Adapters adapters;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    krx = await(new FixtureServer()
        .on("/svc/apis/sto/stk_bydd_trd", "basDd", "20240104", Reply.fixture("krx/stk_bydd_trd-20240104.json"))
        .on("/svc/apis/sto/stk_bydd_trd", "basDd", "20240105", Reply.fixture("krx/stk_bydd_trd-20240105.json"))
        .on("/svc/apis/sto/stk_bydd_trd", Reply.fixture("krx/holiday.json"))
        .on("/svc/apis/sto/ksq_bydd_trd", new Reply(401, "application/json", FixtureServer.read("krx/unauthorized.json")))
        .on("/comm/bldAttendant/getJsonData.cmd", "askBid", "1", Reply.fixture("krx/investor-005930-sell.json"))
        .on("/comm/bldAttendant/getJsonData.cmd", "askBid", "2", Reply.fixture("krx/investor-005930-buy.json"))
        .start(vertx));
    adapters = new Adapters(vertx, new JsonObject());
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static SourceAdapter adapter(String id, JsonObject params) {
    return adapters.adapter(new SourceDefinition(id, "krx", krx.baseUrl(), "krx-key", 10_000,
        params.copy().put("portal_url", krx.baseUrl())));
  }

  @Test
  void dailyPricesComeOneMarketDayAtATimeWithSeoulDatesAndTheKeyInAHeader() {
    SourceAdapter adapter = adapter("krx-a", new JsonObject());
    long start = krx.count("/svc/apis/sto/stk_bydd_trd");
    List<JsonObject> rows = await(adapter.historyBars(new FetchRequest("005930", "daily", LocalDate.of(2024, 1, 3),
        LocalDate.of(2024, 1, 7), new JsonObject())));
    assertThat(rows).extracting(r -> r.getString("date")).containsExactly("2024-01-04", "2024-01-05");
    assertThat(rows.get(0)).isEqualTo(new JsonObject().put("symbol", "005930").put("date", "2024-01-04").put("open", 76100.0)
        .put("high", 77300.0).put("low", 76000.0).put("close", 77600.0).put("volume", 15324439.0));
    // a second symbol of the same job reuses the days already fetched; weekends are never asked
    long before = krx.count("/svc/apis/sto/stk_bydd_trd");
    assertThat(await(adapter.historyBars(new FetchRequest("000660", "daily", LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 7),
        new JsonObject())))).hasSize(2);
    assertThat(krx.count("/svc/apis/sto/stk_bydd_trd")).isEqualTo(before).isEqualTo(start + 3);
    assertThat(krx.seen().stream().filter(s -> s.path().endsWith("_bydd_trd")).findFirst().orElseThrow().headers().get("AUTH_KEY"))
        .isEqualTo("krx-key");
  }

  @Test
  void anIssueThatDidNotTradeOrDoesNotExistIsNotInvented() {
    SourceAdapter adapter = adapter("krx-b", new JsonObject());
    assertThatThrownBy(() -> await(adapter.historyBars(new FetchRequest("900100", "daily", LocalDate.of(2024, 1, 4),
        LocalDate.of(2024, 1, 4), new JsonObject()))))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED));
    assertThatThrownBy(() -> await(adapter.historyBars(new FetchRequest("123456", "daily", LocalDate.of(2024, 1, 4),
        LocalDate.of(2024, 1, 5), new JsonObject()))))
        .hasMessageContaining("no issue 123456");
  }

  @Test
  void aRefusedKeyIsARejection() {
    SourceAdapter adapter = adapter("krx-c", new JsonObject().put("market", "KOSDAQ"));
    assertThatThrownBy(() -> await(adapter.historyBars(new FetchRequest("035720", "daily", LocalDate.of(2024, 1, 4),
        LocalDate.of(2024, 1, 4), new JsonObject()))))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).contains("AUTH_KEY");
        });
  }

  @Test
  void investorTradingTrendsComeFromTheSellAndBuySides() {
    SourceAdapter adapter = adapter("krx-d", new JsonObject());
    List<JsonObject> rows = await(adapter.tradingTrends(new FetchRequest("005930", "daily", LocalDate.of(2024, 1, 4),
        LocalDate.of(2024, 1, 5), new JsonObject())));
    assertThat(rows).hasSize(8);
    JsonObject individual = rows.stream().filter(r -> r.getString("date").equals("2024-01-05")
        && r.getString("investor_type").equals("individual")).findFirst().orElseThrow();
    assertThat(individual.getDouble("buy_volume")).isEqualTo(4_969_620);
    assertThat(individual.getDouble("sell_volume")).isEqualTo(3_853_770);
    assertThat(individual.getDouble("net_volume")).isEqualTo(4_969_620 - 3_853_770);
    JsonObject foreign = rows.stream().filter(r -> r.getString("date").equals("2024-01-05")
        && r.getString("investor_type").equals("foreign")).findFirst().orElseThrow();
    assertThat(foreign.getDouble("buy_volume")).isEqualTo(4_709_960 + 1_571);
    FixtureServer.Seen portal = krx.seen().stream().filter(s -> s.path().equals("/comm/bldAttendant/getJsonData.cmd")).findFirst().orElseThrow();
    assertThat(portal.query().get("isuCd")).isEqualTo("KR7005930003");
    assertThat(portal.query().get("bld")).isEqualTo("dbms/MDC/STAT/standard/MDCSTAT02303");
    assertThat(portal.query().get("strtDd")).isEqualTo("20240104");
  }

  @Test
  void isinsOfKnownIssues() {
    assertThat(KrxParser.isin("005930")).isEqualTo("KR7005930003");
    assertThat(KrxParser.isin("000660")).isEqualTo("KR7000660001");
    assertThat(KrxParser.isin("035720")).isEqualTo("KR7035720002");
  }

  @Property
  void dashIsMissingAndThousandsSeparatorsAreRead(@ForAll @NumericChars @StringLength(min = 1, max = 12) String digits) {
    long value = Long.parseLong(digits);
    String grouped = String.format("%,d", value);
    assertThat(Bars.number(grouped)).isEqualTo((double) value);
    assertThat(Bars.number("-")).isNull();
  }
}
