package io.ndc.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.collector.source.csv.CsvBarParser;
import io.ndc.collector.testing.FixtureServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CsvBarParserTest {
  private static final LocalDate FROM = LocalDate.of(2000, 1, 1);
  private static final LocalDate TO = LocalDate.of(2100, 1, 1);
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void readsStooqCsv() {
    List<JsonObject> rows = CsvBarParser.parse(FixtureServer.read("csv/aapl.us.csv"), "AAPL", true, FROM, TO, UTC);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(2)).isEqualTo(new JsonObject().put("symbol", "AAPL").put("date", "2024-01-04").put("open", 182.15)
        .put("high", 183.0872).put("low", 180.88).put("close", 181.91).put("volume", 71983570.0));
  }

  @Test
  void matchesColumnsCaseInsensitivelyWithAdjustedClose() {
    String csv = "DATE,open,HIGH,Low,close,Adj Close,VOLUME\n2024-01-02,1,2,0.5,1.5,1.4,10\n";
    assertThat(CsvBarParser.parse(csv, "X", true, FROM, TO, UTC)).singleElement()
        .satisfies(r -> assertThat(r.getDouble("adj_close")).isEqualTo(1.4));
  }

  @Test
  void htmlWhereCsvWasExpectedIsARejection() {
    assertThatThrownBy(() -> CsvBarParser.parse(FixtureServer.read("csv/blocked.html"), "AAPL", true, FROM, TO, UTC))
        .isInstanceOfSatisfying(SourceFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
          assertThat(f.getMessage()).contains("HTML");
        });
  }

  @Test
  void noDataIsARejectionNamingTheSymbol() {
    assertThatThrownBy(() -> CsvBarParser.parse(FixtureServer.read("csv/no-data.txt"), "ZZZZ", true, FROM, TO, UTC))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.getMessage()).contains("ZZZZ"));
  }

  @Test
  void missingColumnsAreNamed() {
    assertThatThrownBy(() -> CsvBarParser.parse("Date,Open,Close\n2024-01-02,1,2\n", "X", true, FROM, TO, UTC))
        .isInstanceOfSatisfying(SourceFailure.class, f -> assertThat(f.getMessage()).contains("high", "low", "volume"));
  }

  @Test
  void aValueThatIsNotANumberIsPassedOnForStorageToReject() {
    List<JsonObject> rows = CsvBarParser.parse("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,n/a,10\n2024-01-03,1,2,0.5,1.5,10\n",
        "X", true, FROM, TO, UTC);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getValue("close")).isEqualTo("n/a");
  }

  @Property
  void arbitraryTextNeverEscapesAsAnythingButARejectionOrRows(@ForAll @StringLength(max = 200) String text) {
    try {
      List<JsonObject> rows = CsvBarParser.parse(text, "X", true, FROM, TO, UTC);
      assertThat(rows).allSatisfy(r -> assertThat(r.getString("date")).isNotNull());
    } catch (SourceFailure f) {
      assertThat(f.kind()).isEqualTo(SourceFailure.Kind.REJECTED);
    }
  }

  @Property
  void anHtmlPageIsAlwaysRejected(@ForAll @AlphaChars @StringLength(max = 50) String title) {
    assertThatThrownBy(() -> CsvBarParser.parse("<html><title>" + title + "</title></html>", "X", true, FROM, TO, UTC))
        .isInstanceOf(SourceFailure.class);
  }
}
