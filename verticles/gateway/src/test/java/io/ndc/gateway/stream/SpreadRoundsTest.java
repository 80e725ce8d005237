package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The heartbeat's pacing: each item once per period, a slice per call, none before the first period is over. */
class SpreadRoundsTest {

  @Test
  void eachItemGetsOneTurnPerPeriodSpreadOverItsSlices() {
    Set<Integer> items = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    SpreadRounds<Integer> rounds = new SpreadRounds<>(1000, 100, 0);
    List<List<Integer>> slices = new ArrayList<>();
    for (long now = 0; now < 3000; now += 100) {
      slices.add(rounds.slice(now, items));
    }
    // nothing during the first period, then two items per 100 ms slice, every item once a second, in the same order
    assertThat(slices.subList(0, 10)).allMatch(List::isEmpty);
    assertThat(slices.get(10)).containsExactly(1, 2);
    assertThat(slices.get(19)).containsExactly(19, 20);
    assertThat(slices.subList(10, 20).stream().flatMap(List::stream)).containsExactlyElementsOf(items);
    assertThat(slices.get(20)).containsExactly(1, 2);
    assertThat(slices.subList(20, 30).stream().flatMap(List::stream)).containsExactlyElementsOf(items);
  }

  @Test
  void aRoundTakesTheItemsPresentWhenItStartsAndAnItemLeftAloneIsServedEveryPeriod() {
    Set<String> items = new LinkedHashSet<>(List.of("a"));
    SpreadRounds<String> rounds = new SpreadRounds<>(1000, 100, 0);
    assertThat(rounds.slice(1000, items)).containsExactly("a");
    items.add("b"); // joins during the round: its first turn is in the next one
    assertThat(rounds.slice(1100, items)).isEmpty();
    assertThat(rounds.slice(1900, items)).isEmpty();
    assertThat(rounds.slice(2000, items)).containsExactly("a");
    assertThat(rounds.slice(2100, items)).containsExactly("b");
  }
}
