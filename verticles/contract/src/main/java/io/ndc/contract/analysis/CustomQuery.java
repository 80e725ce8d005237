package io.ndc.contract.analysis;

import io.ndc.contract.Fields;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /analysis/custom}: one {@code expression} (reply {@code values}) or named {@code expressions} (reply
 * {@code series}) over the bars of {@code range}.
 *
 * @param expressions name → text, in the order given; the single-expression form is held under {@link #SINGLE}
 */
public record CustomQuery(SeriesRange range, Map<String, String> expressions, boolean single) {
  /** The name the single {@code expression} form is held under. */
  public static final String SINGLE = "value";

  public CustomQuery {
    expressions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
    if (expressions.isEmpty()) {
      throw Failure.validation("expression (or expressions) is required");
    }
  }

  public static CustomQuery fromJson(JsonObject json) {
    SeriesRange range = SeriesRange.fromJson(json);
    Object many = json.getValue("expressions");
    String one = Fields.text(json, "expression");
    if (many != null && one != null) {
      throw Failure.validation("give expression or expressions, not both");
    }
    if (many == null) {
      return new CustomQuery(range, one == null ? Map.of() : Map.of(SINGLE, one), true);
    }
    if (!(many instanceof JsonObject named)) {
      throw Failure.validation("expressions must be an object of name → expression");
    }
    Map<String, String> expressions = new LinkedHashMap<>();
    for (String name : named.fieldNames()) {
      expressions.put(name, Fields.requiredText(named, name));
    }
    return new CustomQuery(range, expressions, false);
  }

  public JsonObject toJson() {
    JsonObject json = range.toJson();
    if (single) {
      return json.put("expression", expressions.get(SINGLE));
    }
    return json.put("expressions", new JsonObject(new LinkedHashMap<>(expressions)));
  }
}
