package io.ndc.collector.source.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class RandomWalkTest {

  @Property(tries = 30)
  void barsAreValidWeekdayBarsAndTheSameForAnyWindow(@ForAll long seed, @ForAll @AlphaChars @StringLength(min = 1, max = 6) String symbol,
      @ForAll @IntRange(min = 0, max = 300) int offset) {
    RandomWalk walk = new RandomWalk(seed);
    LocalDate to = LocalDate.of(2024, 6, 28);
    List<JsonObject> year = walk.dailyBars(symbol, to.minusYears(1), to);
    assertThat(year).hasSizeBetween(250, 270).allSatisfy(bar -> {
      LocalDate date = LocalDate.parse(bar.getString("date"));
      assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      double open = bar.getDouble("open");
      double close = bar.getDouble("close");
      assertThat(bar.getDouble("high")).isGreaterThanOrEqualTo(Math.max(open, close));
      assertThat(bar.getDouble("low")).isLessThanOrEqualTo(Math.min(open, close)).isGreaterThanOrEqualTo(0);
      assertThat(bar.getDouble("volume")).isPositive();
    });
    LocalDate from = to.minusYears(1).plusDays(offset);
    List<JsonObject> part = walk.dailyBars(symbol, from, to);
    assertThat(part).isEqualTo(year.subList(year.size() - part.size(), year.size()));
  }
}
