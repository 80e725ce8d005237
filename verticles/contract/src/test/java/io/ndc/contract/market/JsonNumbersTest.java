package io.ndc.contract.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

  @Test
  void numbersAreWrittenAsPeopleReadThem() {
    JsonObject frame = new TradeEvent("AAPL", 190.5, 79.0, "2024-01-02T14:30:00Z", 7).toJson();
    assertThat(frame.encode()).isEqualTo(
        "{\"type\":\"trade\",\"symbol\":\"AAPL\",\"price\":190.5,\"size\":79,\"ts\":\"2024-01-02T14:30:00Z\",\"seq\":7}");
    JsonObject bar = new BarEvent("1m", "X", "2024-01-02T14:30:00Z", 0.00001234, 12_345_678.25, 1e-4, 2, 6.3751E7, true)
        .toJson();
    assertThat(bar.encode()).contains("\"open\":0.00001234", "\"high\":12345678.25", "\"low\":0.0001", "\"close\":2",
        "\"volume\":63751000");
    assertThat(JsonNumbers.of(Double.NaN)).isNull();
    assertThat(JsonNumbers.of((Double) null)).isNull();
  }

  @Property
  void theWrittenNumberIsTheSameDouble(@ForAll double value) {
    Number written = JsonNumbers.of(value);
    if (!Double.isFinite(value)) {
      assertThat(written).isNull();
      return;
    }
    String text = new JsonObject().put("v", written).encode();
    if (value == 0 || Math.abs(value) >= 1e-6) {
      assertThat(text).doesNotContain("E");
    }
    assertThat(new JsonObject(text).getDouble("v")).isEqualTo(value == 0 ? 0.0 : value);
  }
}
