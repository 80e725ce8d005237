package io.ndc.contract.storage;

import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * An instrument as stored and listed: {@code name} required (at most 200 characters), {@code market} upper-case
 * (at most 16, {@code OTHER} when not given), {@code sector} and {@code industry} (at most 100), {@code currency}
 * an upper-case code of at most 3.
 */
public record Instrument(String symbol, String name, String market, String sector, String industry, String currency) {
  public static final String DEFAULT_MARKET = "OTHER";

  public Instrument {
    symbol = Fields.symbol(symbol);
    name = bounded("name", name, 200);
    if (name == null) {
      throw Failure.validation("name is required for " + symbol, new JsonObject().put("field", "name"));
    }
    market = bounded("market", market, 16);
    market = market == null ? DEFAULT_MARKET : market.toUpperCase(Locale.ROOT);
    sector = bounded("sector", sector, 100);
    industry = bounded("industry", industry, 100);
    currency = bounded("currency", currency, 3);
    currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
  }

  public static Instrument fromJson(JsonObject json) {
    return new Instrument(Fields.requiredText(json, "symbol"), string(json, "name"), string(json, "market"),
        string(json, "sector"), string(json, "industry"), string(json, "currency"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("symbol", symbol).put("name", name).put("market", market).put("sector", sector)
        .put("industry", industry).put("currency", currency);
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Failure.validation(field + " must be a string", new JsonObject().put("field", field));
    }
    return (String) value;
  }

  private static String bounded(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() > max) {
      throw Failure.validation(field + " must be a string of at most " + max + " characters",
          new JsonObject().put("field", field));
    }
    return trimmed;
  }
}
