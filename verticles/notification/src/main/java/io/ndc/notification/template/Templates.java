package io.ndc.notification.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.ndc.contract.Failure;
import io.ndc.contract.notify.RuleType;
import io.ndc.contract.notify.TemplateSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Logic-less templates (JMustache) over maps only: a template sees the trigger's fields and its rule's, never an
 * object's getters. Checked on save: it must parse and name only {@link TemplateSpec#FIELDS} (a section over
 * {@code rule} names the rule's fields inside it). Built-in defaults exist for every rule type and channel.
 */
public final class Templates {
  private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");

  private Templates() {
  }

  /** Checks a template a user saves; a bad one is a 400 naming the problem. */
  public static void check(TemplateSpec spec) {
    if (spec.subject() != null) {
      check("subject", spec.subject());
    }
    check("body", spec.body());
  }

  private static void check(String part, String text) {
    Template template;
    try {
      template = COMPILER.compile(text);
    } catch (MustacheException e) {
      throw Failure.validation("template " + part + " does not parse: " + e.getMessage());
    }
    // the visitor does not say where a section ends: a name inside a rule section may be a field of the rule
    boolean[] ruleSection = {false};
    template.visit(new Mustache.Visitor() {
      @Override
      public void visitText(String text) {
      }

      @Override
      public void visitVariable(String name) {
        known(part, name, ruleSection[0]);
      }

      @Override
      public boolean visitInclude(String name) {
        throw Failure.validation("template " + part + " includes '" + name + "'; partials are not allowed");
      }

      @Override
      public boolean visitSection(String name) {
        known(part, name, ruleSection[0]);
        ruleSection[0] |= "rule".equals(name);
        return true;
      }

      @Override
      public boolean visitInvertedSection(String name) {
        known(part, name, ruleSection[0]);
        return true;
      }
    });
  }

  private static void known(String part, String name, boolean inRuleSection) {
    if (".".equals(name) || "this".equals(name) || "rule".equals(name) || TemplateSpec.FIELDS.contains(name)
        || (inRuleSection && TemplateSpec.FIELDS.contains("rule." + name))) {
      return;
    }
    throw Failure.validation("template " + part + " names an unknown field '" + name + "'; use " + TemplateSpec.FIELDS);
  }

  /** The built-in template of a rule type and channel: {@code {"subject","body"}}. */
  public static JsonObject builtIn(RuleType type, String channel) {
    String subject = type == RuleType.SYSTEM ? "[NDC] {{rule.name}}: {{event}}" : "[NDC] {{rule.name}}: {{symbol}} {{value}}";
    String body = switch (channel) {
      case "email" -> "{{message}}\n\nRule: {{rule.name}} ({{rule.type}})\nSymbol: {{symbol}}\nValue: {{value}}\nAt: {{ts}}\n";
      default -> "{{message}}";
    };
    return new JsonObject().put("subject", subject).put("body", body);
  }

  /** Every built-in, as {@code GET /templates} lists them. */
  public static JsonArray builtIns() {
    JsonArray out = new JsonArray();
    for (RuleType type : RuleType.values()) {
      for (String channel : TemplateSpec.CHANNELS) {
        out.add(builtIn(type, channel).put("id", "builtin:" + type.name() + ":" + channel).put("type", type.name())
            .put("channel", channel).put("builtin", true));
      }
    }
    return out;
  }

  /** Renders {@code text} over {@code context} (the trigger's fields and {@code rule}). */
  public static String render(String text, JsonObject context) {
    return COMPILER.compile(text).execute(toMaps(context));
  }

  /** Plain maps and lists all the way down, so the engine reaches no object's getters. */
  static Map<String, Object> toMaps(JsonObject json) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    json.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      return toMaps(o);
    }
    if (value instanceof JsonArray a) {
      return a.stream().map(Templates::plain).toList();
    }
    return value;
  }
}
