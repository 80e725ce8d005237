package io.ndc.auth;

import io.ndc.contract.Failure;
import io.ndc.contract.auth.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of auth request fields, each failure naming the field. */
public final class Input {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  /** OWASP: at least 8 characters, allow long passphrases (Argon2 input is not truncated). */
  public static final int PASSWORD_MIN = 8;
  public static final int PASSWORD_MAX = 256;

  private Input() {
  }

  public static String required(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw Failure.validation(field + " is required", new JsonObject().put("field", field));
    }
    if (text.length() > maxLength) {
      throw Failure.validation(field + " is longer than " + maxLength + " characters", new JsonObject().put("field", field));
    }
    return text;
  }

  public static String optional(JsonObject body, String field, int maxLength) {
    return body.getValue(field) == null ? null : required(body, field, maxLength);
  }

  public static String email(JsonObject body) {
    String email = required(body, "email", 254).trim();
    if (!EMAIL.matcher(email).matches()) {
      throw Failure.validation("email is not a valid e-mail address", new JsonObject().put("field", "email"));
    }
    return email;
  }

  public static String newPassword(JsonObject body, String field) {
    String password = required(body, field, PASSWORD_MAX);
    if (password.length() < PASSWORD_MIN) {
      throw Failure.validation(field + " must have at least " + PASSWORD_MIN + " characters", new JsonObject().put("field", field));
    }
    return password;
  }

  /** A non-empty list of known role names. */
  public static List<String> roles(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw Failure.validation(field + " must be a non-empty list of roles " + Roles.names(), new JsonObject().put("field", field));
    }
    List<String> roles = new ArrayList<>();
    for (Object role : array) {
      if (!(role instanceof String name) || !Roles.exists(name)) {
        throw Failure.validation("unknown role '" + role + "' (known: " + String.join(", ", Roles.names()) + ")",
            new JsonObject().put("field", field));
      }
      if (!roles.contains(name)) {
        roles.add(name);
      }
    }
    return roles;
  }
}
