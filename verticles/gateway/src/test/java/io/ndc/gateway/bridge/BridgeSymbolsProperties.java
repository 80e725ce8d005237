package io.ndc.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.MarketAddresses;
import io.ndc.contract.Symbols;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A bridge client may listen to the publications of exactly the symbols the contract's rule takes. */
class BridgeSymbolsProperties {

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.strings().withChars("AZaz09.-_^=: ;*/\u00e9").ofMinLength(0).ofMaxLength(40);
  }

  @Property
  void theBridgeOpensThePublicationsOfEverySymbolTheRuleTakes(@ForAll("candidates") String symbol) {
    boolean expected = Symbols.valid(symbol) || symbol.equals(MarketAddresses.ALL_SYMBOLS);
    assertThat(BridgeGuard.OUTBOUND.matcher("ndc.market.trade." + symbol).matches()).as(symbol).isEqualTo(expected);
    assertThat(BridgeGuard.OUTBOUND.matcher("ndc.market.bar.1m." + symbol).matches()).as(symbol).isEqualTo(expected);
  }
}
