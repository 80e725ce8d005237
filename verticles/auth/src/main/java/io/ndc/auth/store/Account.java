package io.ndc.auth.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A user row with its roles; {@link #toJson()} is what clients see (no hashes, no seeds). */
public record Account(
    String id,
    String email,
    String name,
    boolean emailVerified,
    String passwordHash,
    String status,
    byte[] totpSecret,
    boolean totpEnabled,
    long totpLastStep,
    OffsetDateTime createdAt,
    List<String> roles) {

  static final String COLUMNS = "u.id::text AS id, u.email, u.name, u.email_verified, u.password_hash, u.status, "
      + "u.totp_secret, u.totp_enabled, u.totp_last_step, u.created_at, "
      + "coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles";

  static Account from(Row row) {
    String[] roles = row.getArrayOfStrings("roles");
    return new Account(row.getString("id"), row.getString("email"), row.getString("name"),
        row.getBoolean("email_verified"), row.getString("password_hash"), row.getString("status"),
        row.getBuffer("totp_secret") == null ? null : row.getBuffer("totp_secret").getBytes(),
        row.getBoolean("totp_enabled"), row.getLong("totp_last_step"), row.getOffsetDateTime("created_at"),
        roles == null ? List.of() : Arrays.asList(roles));
  }

  public boolean active() {
    return "active".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("name", name)
        .put("roles", new JsonArray(roles))
        .put("status", status)
        .put("email_verified", emailVerified)
        .put("totp_enabled", totpEnabled)
        .put("created_at", createdAt.toInstant().toString());
  }
}
