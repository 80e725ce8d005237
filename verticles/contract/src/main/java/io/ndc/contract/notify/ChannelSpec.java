package io.ndc.contract.notify;

import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A channel a user makes ({@code POST /channels}): {@code {"type":"webhook","name","url"}} (http or https with a
 * host) or {@code {"type":"email","name","address"}}. The {@code push} channel every user has is never made.
 */
public record ChannelSpec(String type, String name, String target) {
  public static final String WEBHOOK = "webhook";
  public static final String EMAIL = "email";
  public static final String PUSH = RuleSpec.PUSH;
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public static ChannelSpec fromJson(JsonObject json) {
    String type = Fields.requiredText(json, "type");
    String name = Fields.requiredText(json, "name");
    if (name.length() > RuleSpec.MAX_NAME) {
      throw Failure.validation("'name' is longer than " + RuleSpec.MAX_NAME + " characters");
    }
    return switch (type) {
      case WEBHOOK -> new ChannelSpec(type, name, url(Fields.requiredText(json, "url")));
      case EMAIL -> {
        String address = Fields.requiredText(json, "address");
        if (!ADDRESS.matcher(address).matches() || address.length() > 254) {
          throw Failure.validation("'address' is not an e-mail address: '" + address + "'");
        }
        yield new ChannelSpec(type, name, address);
      }
      case PUSH -> throw Failure.validation("every user has the push channel; it is not made");
      default -> throw Failure.validation("unknown channel type '" + type + "'; use webhook or email");
    };
  }

  private static String url(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw Failure.validation("'url' is not a URL: '" + text + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Failure.validation("'url' must be http or https (got '" + text + "')");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw Failure.validation("'url' has no host: '" + text + "'");
    }
    return uri.toString();
  }

  /** The field the target is written under: {@code url} or {@code address}. */
  public String targetField() {
    return WEBHOOK.equals(type) ? "url" : "address";
  }
}
