package io.ndc.contract.notify;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * The rule types of SPEC §10 and the shape of each one's {@code condition}. {@link #condition(JsonObject)} checks a
 * condition and returns it normalised (defaults filled in, nothing else kept); a bad one is a 400 naming the field.
 */
public enum RuleType {
  /** {@code {"op":"gte"|"lte"|"cross_up"|"cross_down","value"}} over trade prices. */
  PRICE_ALERT(true),
  /** {@code {"pct","window":"15m"|"1h"|"1d","direction":"up"|"down"|"any"}}: the move over the window, in percent. */
  PERCENT_CHANGE(true),
  /** {@code {"interval","k","n"}}: a bar's volume over k times the average of the n bars before it. */
  VOLUME_ALERT(true),
  /** {@code {"interval","expression"}}: fires when the expression (analysis, SPEC §9) becomes true. */
  INDICATOR_ALERT(true),
  /** {@code {"events":["job.dead","job.succeeded"],"collector_id"?}}; no symbol. */
  SYSTEM(false);

  public static final List<String> PRICE_OPS = List.of("gte", "lte", "cross_up", "cross_down");
  public static final List<String> WINDOWS = List.of("15m", "1h", "1d");
  public static final List<String> DIRECTIONS = List.of("up", "down", "any");
  public static final List<String> SYSTEM_EVENTS = List.of("job.dead", "job.succeeded");
  /** The most bars a volume average may span. */
  public static final int MAX_VOLUME_BARS = 1000;

  private final boolean needsSymbol;

  RuleType(boolean needsSymbol) {
    this.needsSymbol = needsSymbol;
  }

  public boolean needsSymbol() {
    return needsSymbol;
  }

  public static RuleType parse(String text) {
    if (text == null) {
      throw Failure.validation("'type' is required: one of " + Arrays.toString(values()));
    }
    return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text.trim())).findFirst()
        .orElseThrow(() -> Failure.validation("unknown rule type '" + text + "'; use one of " + Arrays.toString(values())));
  }

  /** The window of a {@link #PERCENT_CHANGE} condition in milliseconds. */
  public static long windowMs(String window) {
    return switch (window) {
      case "15m" -> 900_000L;
      case "1h" -> 3_600_000L;
      default -> 86_400_000L;
    };
  }

  public JsonObject condition(JsonObject condition) {
    if (condition == null) {
      throw Failure.validation("'condition' is required for " + name());
    }
    return switch (this) {
      case PRICE_ALERT -> new JsonObject().put("op", oneOf(condition, "op", PRICE_OPS, null))
          .put("value", number(condition, "value", false));
      case PERCENT_CHANGE -> new JsonObject().put("pct", number(condition, "pct", true))
          .put("window", oneOf(condition, "window", WINDOWS, null))
          .put("direction", oneOf(condition, "direction", DIRECTIONS, "any"));
      case VOLUME_ALERT -> new JsonObject().put("interval", interval(condition)).put("k", number(condition, "k", true))
          .put("n", wholeNumber(condition, "n", 1, MAX_VOLUME_BARS));
      case INDICATOR_ALERT -> new JsonObject().put("interval", interval(condition))
          .put("expression", requiredText(condition, "expression"));
      case SYSTEM -> systemCondition(condition);
    };
  }

  private static JsonObject systemCondition(JsonObject condition) {
    List<String> events;
    try {
      events = Fields.list(condition, "events");
    } catch (Failure f) {
      throw Failure.validation("condition.events must be a list of " + SYSTEM_EVENTS);
    }
    if (events.isEmpty()) {
      throw Failure.validation("condition.events is required: some of " + SYSTEM_EVENTS);
    }
    for (String event : events) {
      if (!SYSTEM_EVENTS.contains(event)) {
        throw Failure.validation("condition.events: unknown event '" + event + "'; use " + SYSTEM_EVENTS);
      }
    }
    JsonObject out = new JsonObject().put("events", new JsonArray(events.stream().distinct().toList()));
    String collector = text(condition, "collector_id");
    return collector == null ? out : out.put("collector_id", collector);
  }

  private static String interval(JsonObject condition) {
    return BarInterval.parse(requiredText(condition, "interval")).id();
  }

  private static String text(JsonObject condition, String field) {
    try {
      return Fields.text(condition, field);
    } catch (Failure f) {
      throw Failure.validation("condition." + field + " must be text");
    }
  }

  private static String requiredText(JsonObject condition, String field) {
    String text = text(condition, field);
    if (text == null) {
      throw Failure.validation("condition." + field + " is required");
    }
    return text;
  }

  private static String oneOf(JsonObject condition, String field, List<String> allowed, String defaultValue) {
    String text = text(condition, field);
    if (text == null && defaultValue != null) {
      return defaultValue;
    }
    if (text == null) {
      throw Failure.validation("condition." + field + " is required: one of " + allowed);
    }
    if (!allowed.contains(text)) {
      throw Failure.validation("condition." + field + " '" + text + "' is not one of " + allowed);
    }
    return text;
  }

  private static double number(JsonObject condition, String field, boolean positive) {
    Object value = condition.getValue(field);
    if (value == null) {
      throw Failure.validation("condition." + field + " is required");
    }
    double number;
    try {
      number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw Failure.validation("condition." + field + " must be a number (got '" + value + "')");
    }
    if (!Double.isFinite(number) || (positive && number <= 0)) {
      throw Failure.validation("condition." + field + " must be a " + (positive ? "positive " : "finite ") + "number (got " + value + ")");
    }
    return number;
  }

  private static int wholeNumber(JsonObject condition, String field, int min, int max) {
    double number = number(condition, field, false);
    if (number != Math.rint(number) || number < min || number > max) {
      throw Failure.validation("condition." + field + " must be a whole number from " + min + " to " + max);
    }
    return (int) number;
  }
}
