package io.ndc.storage.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The bar rules of SPEC §7 hold for any input: valid bars pass unchanged, each broken rule is refused with its reason. */
class BarValidatorProperties {
  private static final Instant NOW = Instant.parse("2026-06-15T12:34:56Z");
  private static final IngestLimits LIMITS = new IngestLimits(Duration.ofDays(30), LocalDate.parse("1800-01-01"));
  private static final BarValidator DAILY = new BarValidator(Interval.DAILY, NOW, LIMITS);

  private static JsonObject row(LocalDate date, double open, double high, double low, double close, double volume) {
    return new JsonObject().put("symbol", "abc").put("date", date.toString()).put("open", open).put("high", high)
        .put("low", low).put("close", close).put("volume", volume);
  }

  @Provide
  Arbitrary<LocalDate> pastDates() {
    return Arbitraries.integers().between(0, 20_000).map(d -> LocalDate.of(1970, 1, 1).plusDays(d));
  }

  @Property
  void consistentBarsPassAsTheyAre(@ForAll("pastDates") LocalDate date, @ForAll @DoubleRange(min = 0, max = 1e6) double a,
      @ForAll @DoubleRange(min = 0, max = 1e6) double b, @ForAll @DoubleRange(min = 0, max = 1e3) double up,
      @ForAll @DoubleRange(min = 0, max = 1) double downFraction, @ForAll @DoubleRange(min = 0, max = 1e12) double volume) {
    double high = Math.max(a, b) + up;
    double low = Math.min(a, b) * (1 - downFraction);
    BarValidator.Checked checked = DAILY.check(row(date, a, high, low, b, volume), null);
    assertThat(checked.reason()).isNull();
    assertThat(checked.row()).isEqualTo(new BarRow("ABC", date.atStartOfDay(ZoneOffset.UTC).toInstant(), a, high, low, b,
        volume, null));
  }

  @Property
  void aLowAboveOpenOrCloseIsRefused(@ForAll("pastDates") LocalDate date, @ForAll @DoubleRange(min = 0, max = 1e6) double open,
      @ForAll @DoubleRange(min = 0, max = 1e6) double close, @ForAll @DoubleRange(min = 0.01, max = 1e3) double excess) {
    double low = Math.min(open, close) + excess;
    Assume.that(low > Math.min(open, close));
    BarValidator.Checked checked = DAILY.check(row(date, open, Math.max(open, close) + 1e4, low, close, 1), null);
    assertThat(checked.valid()).isFalse();
    assertThat(checked.reason()).contains("is above min(open, close)");
  }

  @Property
  void aHighBelowOpenOrCloseIsRefused(@ForAll("pastDates") LocalDate date, @ForAll @DoubleRange(min = 1, max = 1e6) double open,
      @ForAll @DoubleRange(min = 1, max = 1e6) double close, @ForAll @DoubleRange(min = 0.01, max = 0.99) double shortfall) {
    double high = Math.max(open, close) * (1 - shortfall);
    BarValidator.Checked checked = DAILY.check(row(date, open, high, 0, close, 1), null);
    assertThat(checked.reason()).contains("is below max(open, close)");
  }

  @Property
  void negativeOrNonFiniteValuesAreRefused(@ForAll("pastDates") LocalDate date,
      @ForAll("badNumbers") double bad, @ForAll @IntRange(min = 0, max = 4) int field) {
    String name = new String[] {"open", "high", "low", "close", "volume"}[field];
    JsonObject row = row(date, 5, 10, 1, 5, 100);
    row.put(name, Double.isFinite(bad) ? bad : Double.toString(bad));
    BarValidator.Checked checked = DAILY.check(row, null);
    assertThat(checked.valid()).isFalse();
    assertThat(checked.reason()).startsWith(name);
  }

  @Provide
  Arbitrary<Double> badNumbers() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(-1e9, -0.01),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Property
  void datesAfterTodayAnywhereOnEarthAreInTheFuture(@ForAll @IntRange(min = 2, max = 5000) int daysAhead) {
    LocalDate date = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(daysAhead);
    assertThat(DAILY.check(row(date, 1, 1, 1, 1, 1), null).reason()).contains("in the future");
  }

  @Property
  void intradayTimesMustBeAlignedToTheirInterval(@ForAll("intraday") Interval interval,
      @ForAll @IntRange(min = 1, max = 100_000) int stepsBack, @ForAll @IntRange(min = 0, max = 3599) int offsetSeconds) {
    long length = interval.length().getSeconds();
    long aligned = (NOW.getEpochSecond() / length - stepsBack % (86_400 * 20 / length + 1)) * length;
    BarValidator validator = new BarValidator(interval, NOW, LIMITS);
    Instant ts = Instant.ofEpochSecond(aligned + offsetSeconds % length);
    JsonObject row = new JsonObject().put("symbol", "X").put("ts", ts.toString()).put("open", 1).put("high", 1)
        .put("low", 1).put("close", 1);
    BarValidator.Checked checked = validator.check(row, null);
    if (offsetSeconds % length == 0) {
      assertThat(checked.reason()).isNull();
    } else {
      assertThat(checked.reason()).contains("not aligned to the " + interval.id() + " interval");
    }
  }

  @Provide
  Arbitrary<Interval> intraday() {
    return Arbitraries.of(Interval.M1, Interval.M5, Interval.M15, Interval.H1);
  }
}
