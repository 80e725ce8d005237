package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.store.Collector;
import io.ndc.contract.BarIntervals;
import io.ndc.contract.Symbols;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.bars.RowValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One vocabulary across services (issue 18): a symbol a collector accepts is one storage stores under the same
 * spelling, and the reverse, so rows a collector collects are never refused later; storage's intervals are the
 * contract's. (The stream's subscriptions are held to the same rule in the gateway's StreamSymbolsProperties.)
 */
class SymbolRuleProperties {

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.strings().withChars("AZaz09.-_^=: ;/\u00e9").ofMinLength(1).ofMaxLength(40);
  }

  @Property
  void everySymbolTheCollectorAcceptsStorageAcceptsAlike(@ForAll("candidates") String text) {
    String collected = collectorSymbol(text);
    String stored = storageSymbol(text);
    assertThat(collected).as("collector vs storage for '%s'", text).isEqualTo(stored);
    if (stored != null) {
      assertThat(Symbols.valid(stored)).isTrue();
    }
  }

  @Example
  void storageKnowsTheContractsIntervals() {
    assertThat(Arrays.stream(Interval.values()).map(Interval::id).toList()).isEqualTo(BarIntervals.ALL);
    assertThat(Arrays.stream(io.ndc.contract.BarInterval.values()).map(io.ndc.contract.BarInterval::id).toList())
        .isEqualTo(BarIntervals.ALL);
    for (Interval interval : Interval.values()) {
      assertThat(interval.intraday()).as(interval.id()).isEqualTo(BarIntervals.intraday(interval.id()));
    }
  }

  private static String collectorSymbol(String text) {
    try {
      return Collector.fromRequest(UUID.randomUUID(), new JsonObject().put("source", "s")
          .put("symbols", new JsonArray().add(text))).symbols().get(0);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String storageSymbol(String text) {
    try {
      return RowValues.symbol(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
