package io.ndc.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.contract.Failure;
import io.ndc.contract.Symbols;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A stream subscription takes exactly the symbols the contract's rule takes, as the rule spells them. */
class StreamSymbolsProperties {

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.strings().withChars("AZaz09.-_^=: ;*/\u00e9").ofMinLength(0).ofMaxLength(40);
  }

  @Property
  void aSubscriptionTakesWhatTheSymbolRuleTakes(@ForAll("candidates") String text) {
    JsonObject frame = new JsonObject().put("symbols", new JsonArray().add(text));
    String expected = canonical(text);
    if (text.equals("*")) {
      assertThat(SubscriptionRequest.symbols(frame, List.of(StreamChannel.TRADES))).containsExactly("*");
    } else if (expected != null) {
      assertThat(SubscriptionRequest.symbols(frame, List.of(StreamChannel.TRADES))).containsExactly(expected);
    } else {
      assertThatThrownBy(() -> SubscriptionRequest.symbols(frame, List.of(StreamChannel.TRADES))).isInstanceOf(Failure.class)
          .hasMessageContaining("invalid symbol");
    }
  }

  private static String canonical(String text) {
    try {
      return Symbols.normalize(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
