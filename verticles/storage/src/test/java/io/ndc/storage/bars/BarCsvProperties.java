package io.ndc.storage.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.Failure;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the header spelling, line endings, quoting, BOM and blank lines, the CSV reader sees the same rows. */
class BarCsvProperties {

  record Bar(String date, double open, double high, double low, double close, long volume) {
  }

  record Dialect(String dateName, String adjName, boolean bom, String newline, boolean quote, boolean blankLines,
      boolean upper) {
  }

  @Provide
  Arbitrary<List<Bar>> bars() {
    Arbitrary<Bar> bar = Combinators.combine(
        Arbitraries.integers().between(0, 9000).map(d -> java.time.LocalDate.of(2000, 1, 1).plusDays(d).toString()),
        Arbitraries.doubles().between(0, 1e5).ofScale(4), Arbitraries.doubles().between(0, 1e5).ofScale(4),
        Arbitraries.doubles().between(0, 1e5).ofScale(4), Arbitraries.doubles().between(0, 1e5).ofScale(4),
        Arbitraries.longs().between(0, 1_000_000_000L)).as(Bar::new);
    return bar.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<Dialect> dialects() {
    return Combinators.combine(Arbitraries.of("Date", "date", "DATE", "ts", "Timestamp"),
        Arbitraries.of("Adj Close", "adj_close", "ADJ CLOSE"), Arbitraries.of(true, false),
        Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of(true, false)).as(Dialect::new);
  }

  @Property
  void everyDialectYieldsTheSameFields(@ForAll("bars") List<Bar> bars, @ForAll("dialects") Dialect dialect) {
    StringBuilder csv = new StringBuilder(dialect.bom() ? "\uFEFF" : "");
    String header = String.join(",", dialect.dateName(), "Open", "High", "Low", "Close", dialect.adjName(), "Volume");
    csv.append(dialect.upper() ? header.toUpperCase() : header).append(dialect.newline());
    for (Bar bar : bars) {
      List<String> cells = List.of(bar.date(), Double.toString(bar.open()), Double.toString(bar.high()),
          Double.toString(bar.low()), Double.toString(bar.close()), Double.toString(bar.close()), Long.toString(bar.volume()));
      List<String> written = new ArrayList<>();
      cells.forEach(c -> written.add(dialect.quote() ? "\"" + c + "\"" : c));
      csv.append(String.join(",", written)).append(dialect.newline());
      if (dialect.blankLines()) {
        csv.append(dialect.newline());
      }
    }
    List<BarCsv.RawRow> rows = BarCsv.read(csv.toString());
    assertThat(rows).hasSize(bars.size());
    String timeField = dialect.dateName().equalsIgnoreCase("date") ? "date" : "ts";
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      BarCsv.RawRow row = rows.get(i);
      assertThat(row.index()).isEqualTo(i + 1);
      assertThat(row.error()).isNull();
      assertThat(row.fields().getString(timeField)).isEqualTo(bar.date());
      assertThat(Double.parseDouble(row.fields().getString("open"))).isEqualTo(bar.open());
      assertThat(Double.parseDouble(row.fields().getString("close"))).isEqualTo(bar.close());
      assertThat(Double.parseDouble(row.fields().getString("adj_close"))).isEqualTo(bar.close());
      assertThat(Long.parseLong(row.fields().getString("volume"))).isEqualTo(bar.volume());
    }
  }

  @Property
  void aHeaderWithoutPricesIsRefusedWhole(@ForAll("bars") List<Bar> bars, @ForAll("missingColumn") String missing) {
    List<String> columns = new ArrayList<>(List.of("Date", "Open", "High", "Low", "Close"));
    columns.remove(missing);
    StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
    bars.forEach(b -> csv.append(b.date()).append(",1,2,0.5\n"));
    assertThatThrownBy(() -> BarCsv.read(csv.toString())).isInstanceOf(Failure.class)
        .hasMessageContaining("lacks");
  }

  @Provide
  Arbitrary<String> missingColumn() {
    return Arbitraries.of("Date", "Open", "High", "Low", "Close");
  }
}
