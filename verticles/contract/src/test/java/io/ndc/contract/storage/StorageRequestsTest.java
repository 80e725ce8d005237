package io.ndc.contract.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.BarInterval;
import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StorageRequestsTest {

  @Test
  void aPriceQueryReadsTheRestFieldsDefaultsToDailyAndRoundTrips() {
    PriceQuery query = PriceQuery.fromJson(new JsonObject().put("symbol", " aapl ").put("start_date", "2024-01-02")
        .put("end_date", "").put("as_of", "2024-03-01T00:00:00Z"));
    assertThat(query).isEqualTo(new PriceQuery("AAPL", BarInterval.DAILY, "2024-01-02", null, "2024-03-01T00:00:00Z"));
    assertThat(PriceQuery.fromJson(query.toJson())).isEqualTo(query);
    assertThat(query.toJson().containsKey("end_date")).isFalse();
    assertThat(PriceQuery.fromJson(new JsonObject().put("symbol", "X").put("interval", "1M")).interval())
        .isEqualTo(BarInterval.M1);
  }

  @Test
  void aPriceQueryWithoutASymbolOrWithAnUnknownIntervalIsAValidationError() {
    assertThatThrownBy(() -> PriceQuery.fromJson(new JsonObject())).isInstanceOf(Failure.class)
        .hasMessage("'symbol' is required");
    assertThatThrownBy(() -> PriceQuery.fromJson(new JsonObject().put("symbol", "A B"))).isInstanceOf(Failure.class)
        .hasMessageContaining("is not a valid symbol");
    assertThatThrownBy(() -> PriceQuery.fromJson(new JsonObject().put("symbol", "A").put("interval", "2m")))
        .isInstanceOf(Failure.class).hasMessageStartingWith("unknown interval '2m'");
    assertThatThrownBy(() -> PriceQuery.fromJson(new JsonObject().put("symbol", "A").put("start_date", new JsonObject())))
        .isInstanceOf(Failure.class).hasMessage("'start_date' must be text");
  }

  @Test
  void aLastBarIsWrittenAsRepliesWriteBarTimes() {
    LastBar daily = new LastBar("AAPL", BarInterval.DAILY, Instant.parse("2024-05-03T00:00:00Z"));
    assertThat(daily.toJson().getString("last")).isEqualTo("2024-05-03");
    assertThat(LastBar.fromJson(daily.toJson())).isEqualTo(daily);
    LastBar intraday = new LastBar("AAPL", BarInterval.M1, Instant.parse("2024-05-03T23:59:00Z"));
    assertThat(intraday.toJson().getString("last")).isEqualTo("2024-05-03T23:59:00Z");
    assertThat(LastBar.fromJson(intraday.toJson()).lastDate()).isEqualTo(LocalDate.parse("2024-05-03"));
    LastBar none = LastBar.fromJson(new LastBar("AAPL", BarInterval.DAILY, null).toJson());
    assertThat(none.last()).isNull();
    assertThat(none.lastDate()).isNull();
    assertThat(LastBarQuery.fromJson(new LastBarQuery("msft", BarInterval.M1).toJson()))
        .isEqualTo(new LastBarQuery("MSFT", BarInterval.M1));
  }

  @Test
  void anInstrumentIsCheckedAndSpelledOnce() {
    Instrument instrument = Instrument.fromJson(new JsonObject().put("symbol", "005930.ks").put("name", " Samsung ")
        .put("market", "krx").put("currency", "krw").put("sector", " "));
    assertThat(instrument).isEqualTo(new Instrument("005930.KS", "Samsung", "KRX", null, null, "KRW"));
    assertThat(Instrument.fromJson(instrument.toJson())).isEqualTo(instrument);
    assertThat(new Instrument("A", "A Corp", null, null, null, null).market()).isEqualTo(Instrument.DEFAULT_MARKET);
    assertThatThrownBy(() -> new Instrument("A", " ", null, null, null, null)).isInstanceOf(Failure.class)
        .hasMessage("name is required for A");
    assertThatThrownBy(() -> new Instrument("A", "A", null, null, null, "EURO")).isInstanceOf(Failure.class)
        .hasMessage("currency must be a string of at most 3 characters")
        .satisfies(e -> assertThat(((Failure) e).details().getString("field")).isEqualTo("currency"));
    assertThatThrownBy(() -> Instrument.fromJson(new JsonObject().put("symbol", "A").put("name", 5)))
        .isInstanceOf(Failure.class).hasMessage("name must be a string");
  }

  @Test
  void anUpsertIsAListOrOneInstrumentAtTheTopLevel() {
    InstrumentUpsert one = InstrumentUpsert.fromJson(new JsonObject().put("symbol", "aapl").put("name", "Apple"));
    assertThat(one.instruments()).containsExactly(new Instrument("AAPL", "Apple", null, null, null, null));
    assertThat(InstrumentUpsert.fromJson(one.toJson())).isEqualTo(one);
    assertThatThrownBy(() -> InstrumentUpsert.fromJson(new JsonObject().put("instruments", new JsonArray())))
        .isInstanceOf(Failure.class).hasMessage("instruments must hold 1 to 10000 entries");
    assertThatThrownBy(() -> InstrumentUpsert.fromJson(new JsonObject().put("instruments", new JsonArray().add(1))))
        .isInstanceOf(Failure.class).hasMessage("instrument 0 is not an object");
    assertThatThrownBy(() -> InstrumentUpsert.fromJson(new JsonObject().put("instruments", "AAPL")))
        .isInstanceOf(Failure.class).hasMessage("instruments must be a list of instruments");
  }

  @Test
  void anInstrumentQueryCarriesItsPage() {
    InstrumentQuery query = InstrumentQuery.fromJson(new JsonObject().put("market", "KRX").put("q", " sam ")
        .put("page", "2").put("limit", 10));
    assertThat(query).isEqualTo(new InstrumentQuery("KRX", null, "sam", new Page(2, 10)));
    assertThat(InstrumentQuery.fromJson(query.toJson())).isEqualTo(query);
    assertThatThrownBy(() -> InstrumentQuery.fromJson(new JsonObject().put("limit", 1001))).isInstanceOf(Failure.class)
        .hasMessage("'limit' must be at least 1 and at most 1000 (got 1001)")
        .satisfies(e -> assertThat(((Failure) e).code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
  }
}
